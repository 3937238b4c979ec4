# The API's name and certificate: ACM certificate validated through Route53, used by the load balancer
# in front of ingress-nginx (TLS ends there, k8s/base/ingress.yaml).
data "aws_route53_zone" "main" {
  name         = var.domain_name
  private_zone = false
}

resource "aws_acm_certificate" "api" {
  domain_name               = "${var.api_hostname}.${var.domain_name}"
  subject_alternative_names = ["*.${var.domain_name}"]
  validation_method         = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "api_validation" {
  for_each = {
    for dvo in aws_acm_certificate.api.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }
  zone_id         = data.aws_route53_zone.main.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 60
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "api" {
  certificate_arn         = aws_acm_certificate.api.arn
  validation_record_fqdns = [for r in aws_route53_record.api_validation : r.fqdn]
}

resource "aws_route53_record" "api" {
  count   = var.ingress_load_balancer_dns_name == "" ? 0 : 1
  zone_id = data.aws_route53_zone.main.zone_id
  name    = "${var.api_hostname}.${var.domain_name}"
  type    = "A"
  alias {
    name                   = var.ingress_load_balancer_dns_name
    zone_id                = var.ingress_load_balancer_zone_id
    evaluate_target_health = true
  }
}

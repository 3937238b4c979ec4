output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = aws_eks_cluster.main.name
}

output "cluster_endpoint" {
  description = "EKS API endpoint."
  value       = aws_eks_cluster.main.endpoint
}

output "redis_configuration_endpoint" {
  description = "ElastiCache cluster-mode configuration endpoint (k8s/overlays/prod/managed-stores.yaml)."
  value       = aws_elasticache_replication_group.redis.configuration_endpoint_address
}

output "postgres_endpoint" {
  description = "RDS host name (k8s/overlays/prod/managed-stores.yaml)."
  value       = aws_db_instance.postgres.address
}

output "backup_bucket" {
  description = "S3 bucket for backups (scripts/backup-restore --s3, k8s/stores/postgres.yaml)."
  value       = aws_s3_bucket.backups.bucket
}

output "certificate_arn" {
  description = "ACM certificate for the API host, for the ingress load balancer."
  value       = aws_acm_certificate_validation.api.certificate_arn
}

output "api_fqdn" {
  description = "Public name of the API."
  value       = "${var.api_hostname}.${var.domain_name}"
}

output "ecr_repositories" {
  description = "Image repositories per function."
  value       = { for k, r in aws_ecr_repository.function : k => r.repository_url }
}

output "app_secret_name" {
  description = "Secrets Manager secret synced into mde-secrets."
  value       = aws_secretsmanager_secret.app.name
}

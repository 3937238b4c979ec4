# What k8s/overlays/prod/external-secret.yaml syncs into the mde-secrets Secret.
resource "aws_secretsmanager_secret" "app" {
  name        = "mde/${var.environment}/app"
  description = "Market Data Engine: store passwords and provider API keys"
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({
    QUARKUS_DATASOURCE_PASSWORD = random_password.postgres.result
    POSTGRES_PASSWORD           = random_password.postgres.result
    QUARKUS_REDIS_PASSWORD      = random_password.redis_auth.result
  })
  # provider API keys are added by hand (or by the vendor onboarding runbook), not kept in state
  lifecycle {
    ignore_changes = [secret_string]
  }
}

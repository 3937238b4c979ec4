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
    MDE_CACHE_PG_URL            = "postgresql://mde:${random_password.postgres.result}@mde-postgres:5432/mde"
  })
  # provider API keys are added by hand (or by the vendor onboarding runbook), not kept in state
  lifecycle {
    ignore_changes = [secret_string]
  }
}

# The access-token signing keys every function shares (k8s Secret mde-signing-keys, mounted at
# MDE_AUTH_SIGNING_KEYS_DIR). Filled by the key-rotation runbook (docs/runbook.md), never by terraform, so
# no private key is kept in state.
resource "aws_secretsmanager_secret" "signing_keys" {
  name        = "mde/${var.environment}/signing-keys"
  description = "Market Data Engine: PEM private keys that sign access tokens (newest signs, all verify)"
}

# What k8s/overlays/prod/external-secret.yaml syncs into the mde-secrets Secret.
resource "aws_secretsmanager_secret" "app" {
  name        = "mde/${var.environment}/app"
  description = "Market Data Engine: store passwords and provider API keys"
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({
    # the keys k8s/overlays/prod/external-secret.yaml maps into mde-secrets (engine settings, docs/configuration.md)
    MDE_PG_PASSWORD               = random_password.postgres.result
    MDE_REDIS_PASSWORD            = random_password.redis_auth.result
    MDE_CACHE_INFINISPAN_USERNAME = "mde"
    MDE_CACHE_INFINISPAN_PASSWORD = random_password.infinispan.result
  })
  # provider API keys are added by hand (or by the vendor onboarding runbook), not kept in state
  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "random_password" "infinispan" {
  length  = 32
  special = false
}

# The access-token signing keys every function shares (k8s Secret mde-signing-keys, mounted at
# MDE_AUTH_SIGNING_KEYS_DIR). Filled by the key-rotation runbook (docs/runbook.md), never by terraform, so
# no private key is kept in state.
resource "aws_secretsmanager_secret" "signing_keys" {
  name        = "mde/${var.environment}/signing-keys"
  description = "Market Data Engine: PEM private keys that sign access tokens (newest signs, all verify)"
}

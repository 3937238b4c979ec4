# PostgreSQL, the system of record (bars, ticks, corporate actions, fundamentals, audit log). Multi-AZ:
# a synchronous standby in another AZ takes over in 1-2 minutes. Automated backups: a daily snapshot in
# the backup window and the WAL shipped every 5 minutes, so point-in-time restore has RPO ~5 min, well
# inside the seed's 1 h (docs/runbook.md).
resource "aws_db_subnet_group" "postgres" {
  name       = "${local.name}-postgres"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_db_parameter_group" "postgres" {
  name   = "${local.name}-postgres16"
  family = "postgres16"

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }
}

resource "random_password" "postgres" {
  length  = 40
  special = false
}

resource "aws_db_instance" "postgres" {
  identifier                   = "${local.name}-postgres"
  engine                       = "postgres"
  engine_version               = "16.4"
  instance_class               = var.postgres_instance_class
  allocated_storage            = var.postgres_storage_gb
  max_allocated_storage        = var.postgres_storage_gb * 10
  storage_type                 = "gp3"
  storage_encrypted            = true
  db_name                      = "mde"
  username                     = "mde"
  password                     = random_password.postgres.result
  multi_az                     = true
  db_subnet_group_name         = aws_db_subnet_group.postgres.name
  vpc_security_group_ids       = [aws_security_group.stores.id]
  parameter_group_name         = aws_db_parameter_group.postgres.name
  backup_retention_period      = var.postgres_backup_retention_days
  backup_window                = "02:00-03:00"
  maintenance_window           = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot        = true
  deletion_protection          = true
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${local.name}-postgres-final"
  performance_insights_enabled = true
  auto_minor_version_upgrade   = true
}

# a copy of the automated backups in the replica region: a region loss stays within RPO/RTO
resource "aws_db_instance_automated_backups_replication" "postgres" {
  provider               = aws.replica
  source_db_instance_arn = aws_db_instance.postgres.arn
  retention_period       = var.postgres_backup_retention_days
}

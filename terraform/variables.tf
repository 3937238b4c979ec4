variable "environment" {
  description = "Environment name: dev or prod. Names every resource (mde-<environment>-...)."
  type        = string
  default     = "prod"
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}

variable "region" {
  description = "AWS region of the cluster and stores."
  type        = string
  default     = "eu-west-1"
}

variable "replica_region" {
  description = "Region the backup bucket is replicated to (disaster recovery, docs/runbook.md)."
  type        = string
  default     = "eu-central-1"
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; split into 3 private and 3 public subnets."
  type        = string
  default     = "10.40.0.0/16"
}

variable "kubernetes_version" {
  description = "EKS control plane version."
  type        = string
  default     = "1.30"
}

variable "node_instance_types" {
  description = "Instance types of the EKS managed node group."
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "node_min_size" {
  description = "Fewest nodes (one per AZ keeps realtime's 3 warm pods apart)."
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Most nodes the cluster autoscaler may add."
  type        = number
  default     = 12
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.r7g.large"
}

variable "redis_shards" {
  description = "ElastiCache cluster-mode shards (node groups)."
  type        = number
  default     = 3
}

variable "redis_replicas_per_shard" {
  description = "Replicas per shard (automatic failover needs at least 1)."
  type        = number
  default     = 1
}

variable "postgres_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.r6g.large"
}

variable "postgres_storage_gb" {
  description = "Initial RDS storage, GB (grows automatically up to 10x)."
  type        = number
  default     = 200
}

variable "postgres_backup_retention_days" {
  description = "Days of RDS automated backups (daily snapshots + WAL for point-in-time restore)."
  type        = number
  default     = 14
  validation {
    condition     = var.postgres_backup_retention_days >= 7
    error_message = "Keep at least 7 days of backups (docs/runbook.md)."
  }
}

variable "backup_retention_days" {
  description = "Days the S3 backup bucket keeps logical dumps and base backups."
  type        = number
  default     = 35
}

variable "domain_name" {
  description = "Public hosted zone the API lives in."
  type        = string
  default     = "market-data.example.com"
}

variable "api_hostname" {
  description = "Host name of the API inside domain_name."
  type        = string
  default     = "api"
}

variable "ingress_load_balancer_dns_name" {
  description = "DNS name of the load balancer in front of ingress-nginx (known after the ingress controller is installed)."
  type        = string
  default     = ""
}

variable "ingress_load_balancer_zone_id" {
  description = "Hosted zone id of that load balancer."
  type        = string
  default     = ""
}

# The cloud under k8s/: one AWS region. State in S3 with a DynamoDB lock (create the bucket and table once
# by hand, or with a bootstrap stack; see docs/runbook.md).
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
  backend "s3" {
    bucket         = "tradesense-terraform-state"
    key            = "market-data-engine/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "tradesense-terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project     = "market-data-engine"
      environment = var.environment
      managed-by  = "terraform"
    }
  }
}

# the backup bucket's replica lives in another region (seed: metadata replicated across regions)
provider "aws" {
  alias  = "replica"
  region = var.replica_region
}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  name = "mde-${var.environment}"
  azs  = slice(data.aws_availability_zones.available.names, 0, 3)
}

/**
 * How a process is deployed (standalone, services, production) and what each function then needs
 * configured: one table, enforced at start-up and checked against the Kubernetes manifests.
 */
package com.tradesense.marketdata.rest.deployment;

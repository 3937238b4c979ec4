/**
 * The engine's own versioned schema migrations, applied under an advisory lock and shared by every
 * PostgreSQL store (bar cache, auth, audit).
 */
package com.tradesense.marketdata.rest.pg;

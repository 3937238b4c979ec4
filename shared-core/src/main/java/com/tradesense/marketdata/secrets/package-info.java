/**
 * Keeps secrets (API keys, signing keys, passwords) out of everything that leaves the engine: every loaded
 * secret is registered and masked wherever it appears in logs, messages and status.
 */
package com.tradesense.marketdata.secrets;

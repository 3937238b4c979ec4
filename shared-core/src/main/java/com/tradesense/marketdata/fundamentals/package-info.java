/**
 * Company fundamentals: the service that asks the providers for profile and statements, and derives the
 * ratios from the statements and the latest close when a provider gives statements only.
 */
package com.tradesense.marketdata.fundamentals;

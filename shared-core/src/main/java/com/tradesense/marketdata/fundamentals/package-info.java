/**
 * Company fundamentals: the service that asks the providers for profile and statements, and the ratios
 * derived from statements and a price when a provider gives statements only.
 */
package com.tradesense.marketdata.fundamentals;

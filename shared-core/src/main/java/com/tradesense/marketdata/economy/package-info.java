/**
 * Macro series by country (US, Morocco): the validated query and the service that asks the providers
 * serving economic data and makes sure the answer is a clean series, one finite observation per date.
 */
package com.tradesense.marketdata.economy;

/**
 * The symbol master: every instrument the engine knows, loaded once from the reference CSV files into
 * columns and flat indexes, looked up by canonical symbol and searched by ticker prefix or name words
 * without allocating per row.
 */
package com.tradesense.marketdata.symbols;

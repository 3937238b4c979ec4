/**
 * How the core reads a setting by its property name without depending on a configuration framework: the
 * functions back it with MicroProfile Config, tests with a map.
 */
package com.tradesense.marketdata.config;

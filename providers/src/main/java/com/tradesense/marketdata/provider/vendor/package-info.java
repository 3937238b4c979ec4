/**
 * The vendor adapters (Polygon, Twelve Data, Finnhub, Alpha Vantage, Yahoo, Nasdaq Data Link, FRED, World
 * Bank, Bank Al-Maghrib, the Bourse de Casablanca), each per its section of VENDORS.md, on the JDK HTTP
 * client: they translate symbology, call the vendor, check the answer's shape and normalize it. Which ones
 * run is decided by configuration ({@code VendorProviders}).
 */
package com.tradesense.marketdata.provider.vendor;

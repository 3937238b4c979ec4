/**
 * Settings of the WebSocket stream, {@code mde.stream.*}, in one configuration mapping.
 */
package com.tradesense.marketdata.realtime.config;

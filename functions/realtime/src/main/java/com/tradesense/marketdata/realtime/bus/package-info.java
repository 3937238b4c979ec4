/**
 * The bus of services mode over Redis: the lease that lets one process in the cluster run the upstream,
 * its publisher that has Redis sequence events, and each pod's subscriber that feeds its local hub and
 * serves resume from Redis Streams.
 */
package com.tradesense.marketdata.realtime.bus;

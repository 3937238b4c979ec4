/**
 * News about symbols or whole markets: every provider that serves news is asked, because stories are
 * complementary, and their feeds are merged into one list with each story once.
 */
package com.tradesense.marketdata.news;

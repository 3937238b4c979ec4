/**
 * Trading calendars as data: the {@code calendar/*.cal} files parsed into precomputed timetables, and a
 * market's session, phase and holidays at any date or instant. Status at an instant is a pure function of
 * the tables, so every function answers it the same way.
 */
package com.tradesense.marketdata.calendar;

package com.tradesense.marketdata.realtime.bus;

import com.tradesense.marketdata.stream.EventSink;

import java.util.List;
import java.util.function.Supplier;

/**
 * An upstream besides the simulator that only the lease holder may run (the real provider feeds): started
 * on each term with the holder's publisher and the cluster's demand, stopped when the term ends.
 */
public interface LeasedUpstream {
    LeasedUpstream NONE = new LeasedUpstream() {
        @Override
        public void start(EventSink sink, Supplier<List<String>> demand) {
        }

        @Override
        public void stop() {
        }
    };

    void start(EventSink sink, Supplier<List<String>> demand);

    void stop();
}

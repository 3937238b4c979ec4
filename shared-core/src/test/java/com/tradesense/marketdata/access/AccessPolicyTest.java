package com.tradesense.marketdata.access;

import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.stream.Channel;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {
    private static final ClientIdentity FREE = new ClientIdentity("f", Plans.FREE, Set.of());
    private static final ClientIdentity PRO = new ClientIdentity("p", Plans.PRO, Set.of());
    private static final ClientIdentity PRO_CSE = new ClientIdentity("pc", Plans.PRO, Set.of(Plans.REALTIME_CSE));
    private static final ClientIdentity ENTERPRISE = new ClientIdentity("e", Plans.ENTERPRISE, Set.of());
    private static final ClientIdentity ADMIN = new ClientIdentity("a", Plans.FREE, Set.of(Plans.ADMIN));

    @Test
    void freePlanIsDelayedAndHasNoTicksNorRealTimeStream() {
        assertThat(AccessPolicy.intraday(FREE, Market.NASDAQ).delayed()).isTrue();
        assertThat(AccessPolicy.ticks(FREE, Market.NASDAQ).reason()).isEqualTo("not entitled: tick history (pro plan)");
        assertThat(AccessPolicy.stream(FREE, Channel.LEVEL1, Market.NASDAQ).reason()).isEqualTo("not entitled: real-time");
        assertThat(AccessPolicy.stream(FREE, Channel.TRADES, Market.NYSE).denied()).isTrue();
        assertThat(AccessPolicy.stream(FREE, Channel.LEVEL2, Market.NYSE).reason()).isEqualTo("not entitled: level2 (pro plan)");
        assertThat(AccessPolicy.stream(FREE, Channel.NEWS, Market.CSE).allowed()).isTrue();
        assertThat(AccessPolicy.stream(FREE, Channel.STATUS, null).allowed()).isTrue();
    }

    @Test
    void proIsRealTimeExceptCasablancaWithoutTheEntitlement() {
        assertThat(AccessPolicy.intraday(PRO, Market.NASDAQ).allowed()).isTrue();
        assertThat(AccessPolicy.ticks(PRO, Market.NYSE).allowed()).isTrue();
        assertThat(AccessPolicy.stream(PRO, Channel.LEVEL2, Market.NYSE).allowed()).isTrue();
        assertThat(AccessPolicy.intraday(PRO, Market.CSE).delayed()).isTrue();
        assertThat(AccessPolicy.ticks(PRO, Market.CSE).delayed()).isTrue();
        assertThat(AccessPolicy.stream(PRO, Channel.LEVEL1, Market.CSE).reason()).startsWith("not entitled: real-time CSE");
        assertThat(AccessPolicy.stream(PRO_CSE, Channel.LEVEL1, Market.CSE).allowed()).isTrue();
        assertThat(AccessPolicy.intraday(PRO_CSE, Market.CSE).allowed()).isTrue();
        assertThat(AccessPolicy.stream(ENTERPRISE, Channel.LEVEL2, Market.CSE).allowed()).isTrue();
    }

    @Test
    void adminIsARoleNotAPlan() {
        assertThat(AccessPolicy.admin(ADMIN).allowed()).isTrue();
        assertThat(AccessPolicy.admin(ENTERPRISE).reason()).isEqualTo("not entitled: admin role");
    }
}

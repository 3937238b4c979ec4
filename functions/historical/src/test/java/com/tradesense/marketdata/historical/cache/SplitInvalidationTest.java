package com.tradesense.marketdata.historical.cache;

import com.tradesense.marketdata.cache.CacheTtlPolicy;
import com.tradesense.marketdata.cache.LayeredBarCache;
import com.tradesense.marketdata.cache.MemoryBarStore;
import com.tradesense.marketdata.domain.CorporateAction;
import com.tradesense.marketdata.history.CorporateActionsService;
import com.tradesense.marketdata.provider.ProviderRegistry;
import com.tradesense.marketdata.rest.cache.RedisInvalidationBus;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A split the engine did not know of, end to end across two "pods" sharing a real (test-started) Redis:
 * pod A is this Quarkus application (local answer cache, local and Redis bar layers); pod B is built
 * here (its own in-process layer, corporate-actions service and invalidation bus). The provider starts
 * reporting a new AAPL split; pod B learns of it, and pod A's next answer is re-adjusted instead of
 * the cached one. Then pod A learns of a second split itself through the corporate-actions endpoint.
 */
@QuarkusTest
@TestProfile(SplitInvalidationTest.Profile.class)
@QuarkusTestResource(value = PrivateRedis.class, restrictToAnnotatedClass = true)
class SplitInvalidationTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedSimulator.class);
        }
    }

    static final String URL = "/api/v1/market-data/ohlcv/AAPL?interval=1d&adjustment=split&from=2024-01-02&to=2024-12-31";

    @Inject
    ProviderRegistry providers;

    Vertx vertx;

    @AfterEach
    void reset() {
        ScriptedSimulator.EXTRA_ACTIONS.clear();
        if (vertx != null) {
            vertx.close();
        }
    }

    static JsonPath answer() {
        return given().when().get(URL).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aNewSplitLearnedInOnePodReAdjustsTheAnswersCachedInAnother() throws Exception {
        vertx = Vertx.vertx();
        Redis pub = Redis.createClient(vertx, new RedisOptions().setConnectionString(PrivateRedis.url));
        Redis sub = Redis.createClient(vertx, new RedisOptions().setConnectionString(PrivateRedis.url));
        LayeredBarCache podB = new LayeredBarCache(List.of(new MemoryBarStore(Clock.systemUTC(), 1000)), CacheTtlPolicy.seed(),
                Clock.systemUTC(), Duration.ofMillis(300));
        List<String> podBTold = new CopyOnWriteArrayList<>();
        podB.onInvalidate((symbol, interval) -> podBTold.add(symbol));
        RedisInvalidationBus busB = new RedisInvalidationBus(vertx, pub, sub, podB, Duration.ofMillis(300)).start();
        CorporateActionsService actionsB = new CorporateActionsService(providers, Clock.systemUTC());
        actionsB.watch().onNewActions((symbol, news) -> podB.invalidate(symbol, null));
        await(busB::subscribed);

        JsonPath first = answer();
        double close = first.getDouble("bars[0].c");
        assertThat(answer().getString("source.cache")).isEqualTo("local"); // the answer is cached in pod A
        Listing aapl = SymbolMaster.standard().find("AAPL").orElseThrow();
        LocalDate today = LocalDate.now();
        assertThat(actionsB.actions(aapl, LocalDate.of(2024, 1, 3), today).actions()).isNotEmpty(); // pod B's baseline

        ScriptedSimulator.EXTRA_ACTIONS.add(new CorporateAction.Split(LocalDate.of(2024, 10, 1), 2.0, "simulator"));
        // the provider reports the split, but nobody has looked: pod A still serves its cached (now wrong) answer
        assertThat(answer().getDouble("bars[0].c")).isEqualTo(close);

        actionsB.actions(aapl, LocalDate.of(2024, 1, 3), today);
        assertThat(podBTold).containsExactly("AAPL");
        JsonPath after = awaitAnswer(a -> a.getDouble("bars[0].c") != close);
        assertThat(after.getDouble("bars[0].c")).isCloseTo(close / 2, within(0.011));
        assertThat(after.getString("source.cache")).isNotEqualTo("local");
        assertThat(after.getString("adjustedThrough")).isEqualTo("2024-10-01");
        assertThat(answer().getString("source.cache")).isEqualTo("local");

        // pod A learns of a second split itself, through the corporate-actions endpoint
        Thread.sleep(300); // pod A's own re-detection of the first split has reached pod B by now
        int toldBefore = podBTold.size();
        ScriptedSimulator.EXTRA_ACTIONS.add(new CorporateAction.Split(LocalDate.of(2024, 11, 1), 3.0, "simulator"));
        given().queryParam("from", "2024-01-02").when().get("/api/v1/market-data/corporate-actions/AAPL")
                .then().statusCode(200);
        JsonPath third = answer();
        assertThat(third.getDouble("bars[0].c")).isCloseTo(close / 6, within(0.011));
        assertThat(third.getString("adjustedThrough")).isEqualTo("2024-11-01");
        await(() -> podBTold.size() > toldBefore); // and pod B was told through Redis
        busB.close();
    }

    static JsonPath awaitAnswer(java.util.function.Predicate<JsonPath> done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonPath a = answer();
        while (!done.test(a)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the answer did not change within 10 s: " + a.prettify().substring(0, 300));
            }
            Thread.sleep(50);
            a = answer();
        }
        return a;
    }

    static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(50);
        }
    }
}

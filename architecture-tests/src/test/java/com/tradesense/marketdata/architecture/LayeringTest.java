package com.tradesense.marketdata.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of issue 15, checked on the main classes (tests excluded) of every module on this module's class
 * path: shared-core (the framework-free core), providers (the adapters, the simulator, the real-time feeds and
 * {@code engine}, the CDI wiring), shared-rest (the HTTP edge and the store adapters) and the four functions.
 * Modules are told apart by package: {@code rest..} is shared-rest, {@code historical..}, {@code realtime..},
 * {@code status..} and {@code standalone..} are the functions, {@link #ADAPTERS} and {@link #WIRING} are providers,
 * everything else under {@code com.tradesense.marketdata} is shared-core.
 */
class LayeringTest {
    static final String ROOT = "com.tradesense.marketdata";
    static final String REST = ROOT + ".rest..";
    static final String HISTORICAL = ROOT + ".historical..";
    static final String REALTIME = ROOT + ".realtime..";
    static final String STATUS = ROOT + ".status..";
    static final String STANDALONE = ROOT + ".standalone..";
    static final String[] NOT_CORE = {REST, HISTORICAL, REALTIME, STATUS, STANDALONE};
    /** The one package below shared-rest that knows CDI and MicroProfile Config: it wires the core for the functions. */
    static final String WIRING = ROOT + ".engine..";
    /** Provider adapters, the simulator and the real-time feeds: implementations of the provider SPI. */
    static final String[] ADAPTERS = {ROOT + ".provider.vendor..", ROOT + ".provider.simulator..", ROOT + ".provider.stream.."};
    /** The providers module: the adapters and the wiring. */
    static final String[] PROVIDERS = {ADAPTERS[0], ADAPTERS[1], ADAPTERS[2], WIRING};
    static final String[] FRAMEWORKS = {"jakarta..", "io.quarkus..", "io.vertx..", "org.eclipse.microprofile..", "io.smallrye.."};

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        // a rule over no classes passes: make sure each module was imported at all
        for (String probe : new String[]{ROOT + ".domain.Symbol", ROOT + ".engine.EngineBeans", ROOT + ".provider.vendor.PolygonProvider",
                ROOT + ".rest.Problem", ROOT + ".historical.rest.OhlcvResource", ROOT + ".realtime.ws.StreamEndpoint",
                ROOT + ".status.rest.MarketsResource"}) {
            // (standalone has no classes of its own since the benchmark baselines moved out to bench/baseline)
            assertTrue(classes.contain(probe), probe + " not imported");
        }
    }

    @Test
    void theCoreUsesNoFramework() {
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackages(NOT_CORE)
                .and().resideOutsideOfPackage(WIRING)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("shared-core is a plain library; only its wiring package (engine) knows CDI and MicroProfile Config");
        rule.check(classes);
        // and the rule sees framework types where they are: the wiring uses CDI
        assertTrue(noClasses().that().resideInAPackage(WIRING).should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .evaluate(classes).hasViolation(), "the importer saw no CDI type in engine");
    }

    @Test
    void sharedCoreImportsNeitherTheProvidersNorTheEdgeNorTheFunctions() {
        noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackages(NOT_CORE).and().resideOutsideOfPackages(PROVIDERS)
                .should().dependOnClassesThat().resideInAnyPackage(NOT_CORE).orShould().dependOnClassesThat().resideInAnyPackage(PROVIDERS)
                .because("shared-core is below the providers module, shared-rest and the functions").check(classes);
    }

    @Test
    void theProvidersImportNeitherTheEdgeNorTheFunctions() {
        noClasses().that().resideInAnyPackage(PROVIDERS)
                .should().dependOnClassesThat().resideInAnyPackage(NOT_CORE)
                .because("the providers module is below shared-rest and the functions").check(classes);
    }

    @Test
    void sharedRestImportsNoFunction() {
        noClasses().that().resideInAPackage(REST)
                .should().dependOnClassesThat().resideInAnyPackage(HISTORICAL, REALTIME, STATUS, STANDALONE)
                .because("shared-rest is what every function shares").check(classes);
    }

    @Test
    void functionsDoNotImportEachOther() {
        noClasses().that().resideInAPackage(HISTORICAL)
                .should().dependOnClassesThat().resideInAnyPackage(REALTIME, STATUS, STANDALONE).check(classes);
        noClasses().that().resideInAPackage(REALTIME)
                .should().dependOnClassesThat().resideInAnyPackage(HISTORICAL, STATUS, STANDALONE).check(classes);
        noClasses().that().resideInAPackage(STATUS)
                .should().dependOnClassesThat().resideInAnyPackage(HISTORICAL, REALTIME, STANDALONE).check(classes);
    }

    @Test
    void onlyTheWiringKnowsTheAdapters() {
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackages(NOT_CORE)
                .and().resideOutsideOfPackage(WIRING).and().resideOutsideOfPackages(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .because("the core speaks to providers through the provider SPI; engine picks the implementations");
        rule.check(classes);
    }

    @Test
    void providersDoNotReachUpIntoRoutingOrTheServices() {
        noClasses().that().resideInAPackage(ROOT + ".provider..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".routing..", ROOT + ".history..",
                        ROOT + ".fundamentals..", ROOT + ".economy..", ROOT + ".news..", WIRING)
                .because("routing and the services call providers, not the other way round").check(classes);
    }

    @Test
    void theStreamCoreKnowsNoProvider() {
        noClasses().that().resideInAPackage(ROOT + ".stream..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".provider..")
                .because("upstreams (the simulator, provider feeds) publish into the stream core, not the reverse")
                .check(classes);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCyclesInsideTheProvidersOrTheFunctions() {
        for (String within : new String[]{"provider", "historical", "realtime", "status"}) {
            slices().matching(ROOT + "." + within + ".(*)..").should().beFreeOfCycles()
                    .allowEmptyShould(true).check(classes);
        }
    }

    @Test
    void noCyclesBetweenThePackagesOfSharedRest() {
        slices().matching(ROOT + ".rest.(*)..").should().beFreeOfCycles().check(classes);
    }
}

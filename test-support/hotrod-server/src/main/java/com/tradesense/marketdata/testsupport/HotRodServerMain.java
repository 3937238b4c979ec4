package com.tradesense.marketdata.testsupport;

import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.server.hotrod.HotRodServer;
import org.infinispan.server.hotrod.configuration.HotRodServerConfigurationBuilder;

import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * {@code HotRodServerMain <port> [cache ...]}: a non-clustered Infinispan with the named caches (protostream
 * encoded, no auth) behind a Hot Rod server on 127.0.0.1:port (0: a free port, for scripts/run-services).
 * Prints {@code READY <port>} once it accepts connections, and runs until killed.
 */
public final class HotRodServerMain {
    private HotRodServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        if (port == 0) {
            // the Hot Rod server does not report the port it bound: take one the OS says is free
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = probe.getLocalPort();
            }
        }
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
        global.jmx().disable();
        DefaultCacheManager manager = new DefaultCacheManager(global.build());
        String first = args.length > 1 ? args[1] : "mde-bars";
        for (int i = 1; i < Math.max(2, args.length); i++) {
            String name = args.length > i ? args[i] : first;
            ConfigurationBuilder cache = new ConfigurationBuilder();
            cache.encoding().mediaType("application/x-protostream");
            cache.expiration().wakeUpInterval(1000);
            manager.defineConfiguration(name, cache.build());
            manager.getCache(name);
        }
        HotRodServerConfigurationBuilder server = new HotRodServerConfigurationBuilder()
                .host("127.0.0.1").port(port).defaultCacheName(first);
        HotRodServer hotRod = new HotRodServer();
        hotRod.start(server.build(), manager);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hotRod.stop();
            manager.stop();
        }));
        System.out.println("READY " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}

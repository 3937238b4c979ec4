package com.tradesense.marketdata.testsupport;

import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.server.core.admin.embeddedserver.EmbeddedServerAdminOperationHandler;
import org.infinispan.server.core.security.sasl.SaslAuthenticator;
import org.infinispan.server.hotrod.HotRodServer;
import org.infinispan.server.hotrod.configuration.HotRodServerConfigurationBuilder;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code HotRodServerMain <port> [--user <name> --password <password>] [--no-caches] [cache ...]}: a non-clustered
 * Infinispan behind a Hot Rod server on 127.0.0.1:port (0: a free port, for scripts/run-services), with the named
 * caches (protostream encoded; {@code mde-bars} when none is named, none with {@code --no-caches}). Admin operations
 * are on, so a client may create a cache that is missing. With {@code --user}, clients must authenticate (SASL
 * DIGEST-MD5, the mechanism the JDK serves; realm {@code default}, server name {@code infinispan}). Prints
 * {@code READY <port>} once it accepts connections, and runs until killed.
 */
public final class HotRodServerMain {
    static final String REALM = "default";
    static final String SERVER_NAME = "infinispan";

    private HotRodServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String user = null;
        String password = null;
        boolean noCaches = false;
        List<String> caches = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--no-caches" -> noCaches = true;
                default -> caches.add(args[i]);
            }
        }
        if (caches.isEmpty() && !noCaches) {
            caches.add("mde-bars");
        }
        if (port == 0) {
            // the Hot Rod server does not report the port it bound: take one the OS says is free
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = probe.getLocalPort();
            }
        }
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
        global.jmx().disable();
        // global state, as a real server has: caches created by clients are kept in it (a temporary folder here)
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("mde-hotrod-state");
        global.globalState().enable().persistentLocation(state.toString()).sharedPersistentLocation(state.toString())
                .configurationStorage(org.infinispan.globalstate.ConfigurationStorage.OVERLAY);
        DefaultCacheManager manager = new DefaultCacheManager(global.build());
        for (String name : caches) {
            ConfigurationBuilder cache = new ConfigurationBuilder();
            cache.encoding().mediaType("application/x-protostream");
            cache.expiration().wakeUpInterval(1000);
            manager.defineConfiguration(name, cache.build());
            manager.getCache(name);
        }
        HotRodServerConfigurationBuilder server = new HotRodServerConfigurationBuilder()
                .host("127.0.0.1").port(port).adminOperationsHandler(new EmbeddedServerAdminOperationHandler());
        if (!caches.isEmpty()) {
            server.defaultCacheName(caches.get(0));
        }
        if (user != null) {
            String expectedUser = user;
            char[] expectedPassword = (password == null ? "" : password).toCharArray();
            SaslAuthenticator authenticator = new SaslAuthenticator() {
                @Override
                public javax.security.sasl.SaslServer createSaslServer(String mechanism, List<java.security.Principal> principals,
                                                                       String protocol, String serverName,
                                                                       java.util.Map<String, String> props)
                        throws javax.security.sasl.SaslException {
                    java.util.Map<String, Object> properties = new java.util.HashMap<>(props == null ? java.util.Map.of() : props);
                    // the JDK's DIGEST-MD5 server offers the realms named here (else only the server name)
                    properties.put("com.sun.security.sasl.digest.realm", REALM);
                    return Sasl.createSaslServer(mechanism, protocol, serverName, properties, callbacks -> {
                        String name = null;
                        for (Callback c : callbacks) {
                            if (c instanceof NameCallback n) {
                                name = n.getDefaultName();
                                n.setName(name);
                            } else if (c instanceof RealmCallback r) {
                                r.setText(r.getDefaultText() != null ? r.getDefaultText() : REALM);
                            } else if (c instanceof PasswordCallback p) {
                                // an unknown user gets no password: the digest then cannot match
                                p.setPassword(expectedUser.equals(name) ? expectedPassword : new char[0]);
                            } else if (c instanceof AuthorizeCallback a) {
                                a.setAuthorized(expectedUser.equals(a.getAuthenticationID())
                                        && a.getAuthenticationID().equals(a.getAuthorizationID()));
                            } else {
                                throw new UnsupportedCallbackException(c);
                            }
                        }
                    });
                }
            };
            server.authentication().enable().securityRealm(REALM).sasl().serverName(SERVER_NAME)
                    .addAllowedMech("DIGEST-MD5").authenticator(authenticator);
        }
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

package com.tradesense.marketdata.rest.cache;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Infinispan Hot Rod server (test-support/hotrod-server, Infinispan 15.2 server classes) in its own
 * JVM on its own port, which a test starts, kills and starts again. Its class path is the one that
 * module's build wrote to its target/ (the reactor builds it before this module).
 */
public final class HotRodServerProcess implements AutoCloseable {
    static final String CACHE = "mde-bars";
    private final int port;
    private final Path log;
    private final List<String> args;
    private Process process;

    public HotRodServerProcess(int port) throws IOException {
        this(port, CACHE);
    }

    /** @param args HotRodServerMain's arguments after the port: caches, {@code --user u --password p}, {@code --no-caches} */
    public HotRodServerProcess(int port, String... args) throws IOException {
        this.port = port;
        this.args = List.of(args);
        this.log = Files.createTempFile("mde-hotrod-" + port, ".log");
    }

    static Path moduleTarget() {
        String dir = System.getProperty("mde.test.hotrod-server.dir");
        return (dir != null ? Path.of(dir) : Path.of("..", "test-support", "hotrod-server", "target")).toAbsolutePath().normalize();
    }

    /** Whether the server module was built (its classes and class path file are there). */
    public static boolean available() {
        Path t = moduleTarget();
        return Files.isDirectory(t.resolve("classes")) && Files.isRegularFile(t.resolve("hotrod-server.classpath"));
    }

    public String hosts() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() throws IOException, InterruptedException {
        Path t = moduleTarget();
        String cp = t.resolve("classes") + File.pathSeparator + Files.readString(t.resolve("hotrod-server.classpath")).trim();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", cp, "com.tradesense.marketdata.testsupport.HotRodServerMain", Integer.toString(port)));
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && process.isAlive()) {
            if (Files.readString(log).contains("READY " + port)) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException e) {
                    // not yet
                }
            }
            Thread.sleep(50);
        }
        kill();
        throw new IOException("Hot Rod server did not start on port " + port + ": " + Files.readString(log));
    }

    /** Kills the server (SIGKILL), as a crash would. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

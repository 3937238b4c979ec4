package com.tradesense.marketdata.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every function has a JVM and a native image recipe, and a native build carries the core's data files. */
class ImagesTest {

    @Test
    void everyFunctionHasJvmAndNativeDockerfiles() {
        for (String fn : List.of("historical", "status", "realtime", "standalone")) {
            String jvm = Repo.read("docker/" + fn + "/Dockerfile.jvm");
            assertThat(jvm).contains("FROM ", "functions/" + fn + "/target/quarkus-app/", "EXPOSE 8080", "USER 185");
            String nat = Repo.read("docker/" + fn + "/Dockerfile.native");
            assertThat(nat).contains("FROM ", "functions/" + fn + "/target/*-runner", "EXPOSE 8080", "USER 1001");
            assertThat(Repo.path("functions/" + fn + "/pom.xml")).isRegularFile();
        }
        assertThat(Repo.read("pom.xml")).contains("<id>native</id>", "<quarkus.native.enabled>true</quarkus.native.enabled>");
    }

    @Test
    void nativeResourceIncludesCoverEveryDataFileOfTheCore() throws IOException {
        String includes = null;
        for (String line : Repo.read("shared-rest/src/main/resources/META-INF/microprofile-config.properties").split("\n")) {
            if (line.startsWith("quarkus.native.resources.includes=")) {
                includes = line.substring(line.indexOf('=') + 1).trim();
            }
        }
        assertThat(includes).as("quarkus.native.resources.includes").isNotBlank();
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : includes.split(",")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.trim()));
        }
        List<Path> data = new ArrayList<>();
        for (String module : List.of("shared-core", "providers")) {
            Path resources = Repo.path(module + "/src/main/resources");
            try (Stream<Path> s = Files.walk(resources)) {
                data.addAll(s.filter(Files::isRegularFile).map(resources::relativize)
                        .filter(p -> !p.getFileName().toString().equals("README.md")).toList());
            }
        }
        assertThat(data).extracting(p -> p.getName(0).toString()).contains("symbols", "calendar", "simulator");
        for (Path p : data) {
            assertThat(matchers.stream().anyMatch(m -> m.matches(p))).as("%s is in the native image", p).isTrue();
        }
    }
}

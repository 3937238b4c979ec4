package com.tradesense.marketdata.ops;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is the configuration reference: every {@code mde.*} setting the engine reads
 * ({@link ConfigCatalogue}) is in it, a family ({@code mde.route.*}) as its pattern, each vendor's settings once under
 * {@code mde.provider.<id>.*}.
 */
class ConfigurationDocTest {

    @Test
    void everyEngineSettingIsDocumented() {
        String doc = Repo.read("docs/configuration.md");
        List<String> missing = new ArrayList<>();
        for (String p : ConfigCatalogue.load().engineProperties()) {
            String documented = p.startsWith("mde.provider.") && !p.startsWith("mde.provider-cost.")
                    ? "mde.provider.<id>." + p.substring(p.indexOf('.', "mde.provider.".length()) + 1) : p.replace(".*", ".<").replace("*", "<");
            String probe = documented.contains("<") ? documented.substring(0, documented.indexOf('<')) : documented;
            if (!doc.contains("`" + probe)) {
                missing.add(p + " (look for `" + probe + "`)");
            }
        }
        assertThat(missing).as("settings the engine reads that docs/configuration.md does not list").isEmpty();
    }
}

package com.tradesense.marketdata.symbols;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchTextTest {

    private static String fold(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[SearchText.maxFoldedLength(b.length)];
        return new String(out, 0, SearchText.fold(b, 0, b.length, out));
    }

    @Test
    void foldsCaseAccentsAndLigatures() {
        assertThat(fold("Société Générale")).isEqualTo("societe generale");
        assertThat(fold("Crédit du Maroc")).isEqualTo("credit du maroc");
        assertThat(fold("Straße ŒUVRE Æther Øresund Łódź")).isEqualTo("strasse oeuvre aether oresund lodz");
        assertThat(fold("Cafe\u0301 Noir")).isEqualTo("cafe noir"); // combining accent typed separately
        assertThat(fold("ÇA IRA")).isEqualTo("ca ira");
    }

    @Test
    void apostrophesJoinOtherPunctuationSplits() {
        assertThat(fold("McDonald's Corp.")).isEqualTo("mcdonalds corp");
        assertThat(fold("L’Oréal")).isEqualTo("loreal");
        assertThat(fold("  Coca-Cola  (FEMSA), S.A.B. ")).isEqualTo("coca cola femsa s a b");
        assertThat(fold("AT&T")).isEqualTo("at t");
        assertThat(fold("---")).isEmpty();
    }

    @Test
    void keepsOtherScriptsLowerCased() {
        assertThat(fold("Ωmega اتصالات")).isEqualTo("ωmega اتصالات");
    }

    @Test
    void rejectsMalformedUtf8() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xC3, 'a'}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            assertThatThrownBy(() -> SearchText.fold(bad, 0, bad.length, new char[8]))
                    .as(Arrays.toString(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void wordPrefixes() {
        char[] name = "bank of america".toCharArray();
        assertThat(SearchText.hasWordWithPrefix(name, name.length, "ame".toCharArray())).isTrue();
        assertThat(SearchText.hasWordWithPrefix(name, name.length, "of".toCharArray())).isTrue();
        assertThat(SearchText.hasWordWithPrefix(name, name.length, "k".toCharArray())).isFalse();
        assertThat(SearchText.hasWordWithPrefix(name, name.length, "americas".toCharArray())).isFalse();
        assertThat(Arrays.stream(SearchText.words("Bank  of America")).map(String::new)).containsExactly("bank", "of", "america");
    }
}

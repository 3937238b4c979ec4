package com.tradesense.marketdata.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolTest {

    @ParameterizedTest
    @CsvSource({
            "AAPL, AAPL, US",
            "aapl, AAPL, US",
            "brk.b, BRK.B, US",
            "BF.B, BF.B, US",
            "TCEHY, TCEHY, US",
            "atw.cse, ATW.CSE, CSE",
            "MASI.CSE, MASI.CSE, CSE",
            "msi20.cse, MSI20.CSE, CSE",
            "usd/mad, USD/MAD, CURRENCY_PAIR",
            "EUR/MAD, EUR/MAD, CURRENCY_PAIR",
    })
    void parsesCanonicalFormsCaseInsensitively(String input, String canonical, Symbol.Kind kind) {
        Symbol s = Symbol.parse(input);
        assertThat(s.value()).isEqualTo(canonical);
        assertThat(s.kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BRK-B", "ATW:CAS", "ATW.CAS", "^GSPC", "USD/MA", "USDMAD/", "USD/USD", " AAPL", "AAPL ",
            "A\nB", "../../etc/passwd", "AAPL;DROP TABLE", "1AAPL", ".CSE", "TOOLONGTICKER", "ATW.CSE.CSE", "<script>",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void rejectsEverythingElseNamingTheParameter(String input) {
        assertThatThrownBy(() -> Symbol.parse(input, "symbol"))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("symbol"));
    }

    @org.junit.jupiter.api.Test
    void errorDetailsNeverEchoControlCharactersOrHugeInput() {
        assertThatThrownBy(() -> Symbol.parse("A\u0000\r\nB"))
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u0000");
        String huge = "X".repeat(10_000);
        assertThatThrownBy(() -> Symbol.parse(huge)).satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    }

    @org.junit.jupiter.api.Test
    void localCodeDropsTheExchangeSuffix() {
        assertThat(Symbol.parse("ATW.CSE").localCode()).isEqualTo("ATW");
        assertThat(Symbol.parse("BRK.B").localCode()).isEqualTo("BRK.B");
    }
}

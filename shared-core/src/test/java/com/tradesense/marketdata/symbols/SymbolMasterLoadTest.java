package com.tradesense.marketdata.symbols;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolMasterLoadTest {

    private static final String HEADER = "symbol,name,market,mic,type,currency,isin,sector\n";
    private static final String GOOD = "AAPL,Apple Inc.,NASDAQ,XNAS,equity,USD,US0378331005,Information Technology\n";

    private static SymbolMaster load(String csv) {
        return SymbolMaster.load("test.csv", new StringReader(csv));
    }

    private static void assertFails(String csv, int line, String detail) {
        assertThatThrownBy(() -> load(csv))
                .isInstanceOfSatisfying(SymbolDataException.class, e -> {
                    assertThat(e.source()).isEqualTo("test.csv");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("test.csv" + (line > 0 ? " line " + line : "") + ": ")
                            .contains(detail);
                });
    }

    @Test
    void acceptsCommentsBlankLinesCrLfAndByteOrderMark() {
        String csv = "\uFEFF# comment, with \"quotes\"\r\n\r\n#another\r\n" + HEADER.replace("\n", "\r\n")
                + GOOD.replace("\n", "\r\n") + "\r\n" + "MSFT,Microsoft Corporation,NASDAQ,XNAS,equity,USD,,";
        SymbolMaster m = load(csv);
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.find("MSFT").orElseThrow().sector()).isNull();
    }

    @Test
    void headerOnlyIsAnEmptyMaster() {
        SymbolMaster m = load(HEADER);
        assertThat(m.size()).isZero();
        assertThat(m.search(null, "a", null, 10, null).items()).isEmpty();
        assertThat(m.search(null, null, null, 10, null).items()).isEmpty();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            MSFT,Microsoft,NASDAQ,XNAS,equity,USD,                          | 3 | expected 8 fields, found 7
            MSFT,Microsoft,NASDAQ,XNAS,equity,USD,,,                         | 3 | more than 8 fields
            MSFT,Microsoft,NASDQ,XNAS,equity,USD,,                           | 3 | unknown market 'NASDQ'
            MSFT,Microsoft,nasdaq,XNAS,equity,USD,,                          | 3 | unknown market 'nasdaq'
            MSFT,Microsoft,NASDAQ,XNAS,stock,USD,,                           | 3 | unknown type 'stock'
            MSFT,"Microsoft,NASDAQ,XNAS,equity,USD,,                         | 3 | unclosed quote in field 'name'
            MSFT,"Micro"soft,NASDAQ,XNAS,equity,USD,,                        | 3 | after the closing quote of field 'name'
            MSFT,Micro"soft,NASDAQ,XNAS,equity,USD,,                         | 3 | quote inside unquoted field 'name'
            ,Microsoft,NASDAQ,XNAS,equity,USD,,                              | 3 | symbol is empty
            msft,Microsoft,NASDAQ,XNAS,equity,USD,,                          | 3 | canonical form 'MSFT'
            MSFT-B,Microsoft,NASDAQ,XNAS,equity,USD,,                        | 3 | is not canonical
            ATW,Attijariwafa Bank,CSE,XCAS,equity,MAD,,                      | 3 | form of a CSE symbol
            ATW.CSE,Attijariwafa Bank,NYSE,XNYS,equity,MAD,,                 | 3 | form of a NYSE symbol
            USD/MAD,US Dollar,FX,,equity,MAD,,                               | 3 | does not go with market FX
            MSFT,,NASDAQ,XNAS,equity,USD,,                                   | 3 | name is empty
            MSFT,---,NASDAQ,XNAS,equity,USD,,                                | 3 | has no letter or digit
            MSFT,Microsoft,NASDAQ,XNA,equity,USD,,                           | 3 | MIC 'XNA'
            MSFT,Microsoft,NASDAQ,XNAS,equity,usd,,                          | 3 | currency 'usd'
            MSFT,Microsoft,NASDAQ,XNAS,equity,US1,,                          | 3 | currency 'US1'
            MSFT,Microsoft,NASDAQ,XNAS,equity,USD,US594918104,               | 3 | ISIN 'US594918104'
            MSFT,Microsoft,NASDAQ,XNAS,equity,USD,1S5949181045,              | 3 | ISIN
            AAPL,Apple again,NASDAQ,XNAS,equity,USD,,                        | 3 | duplicate symbol 'AAPL', already listed at test.csv line 2
            # late comment                                                   | 3 | comment lines are only allowed before the header
            """)
    void malformedRowFailsWithFileAndLine(String row, int line, String detail) {
        assertFails(HEADER + GOOD + row.strip() + "\n" + GOOD.replace("AAPL", "MSFT"), line, detail);
    }

    @Test
    void wrongHeaderFails() {
        assertFails("symbol,name,market,mic,type,currency,isin\n" + GOOD, 1, "header must be exactly");
        assertFails("# only comments\n", 0, "no header row");
        assertFails("", 0, "no header row");
        assertFails("Symbol,name,market,mic,type,currency,isin,sector\n", 1, "column 1 is 'Symbol'");
    }

    @Test
    void lineNumbersCountCommentsAndBlankLines() {
        assertFails("# one\n# two\n" + HEADER + "\n" + GOOD + "\n\nBAD,Bad,XX,,equity,USD,,\n", 8, "unknown market");
    }

    @Test
    void controlCharactersAndBadUtf8Fail() {
        assertFails(HEADER + "MSFT,Micro\u0001soft,NASDAQ,XNAS,equity,USD,,\n", 2, "control character 0x01");
        assertFails(HEADER + "MSFT,Microsoft\rX,NASDAQ,XNAS,equity,USD,,\n", 2, "carriage return");
        byte[] bad = (HEADER + "MSFT,Micro?soft,NASDAQ,XNAS,equity,USD,,\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] == '?') {
                bad[i] = (byte) 0xC3; // lead byte of a two-byte sequence, followed by ASCII
            }
        }
        assertThatThrownBy(() -> new SymbolMaster.Loader().add("bytes.csv", new ByteArrayInputStream(bad)).build())
                .isInstanceOf(SymbolDataException.class)
                .hasMessageStartingWith("bytes.csv line 2: name is not valid UTF-8");
    }

    @Test
    void aFieldMayNotSpanLines() {
        assertFails(HEADER + "MSFT,\"Micro\nsoft\",NASDAQ,XNAS,equity,USD,,\n", 2, "unclosed quote in field 'name'");
    }

    @Test
    void rowTooLongFails() {
        assertFails(HEADER + "MSFT," + "x".repeat(5000) + ",NASDAQ,XNAS,equity,USD,,\n", 2, "row longer than");
    }

    @Test
    void duplicatesAcrossFilesNameBothPlaces(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), HEADER + GOOD);
        Path b = Files.writeString(dir.resolve("b.csv"), "# b\n" + HEADER + GOOD.replace("AAPL", "MSFT") + GOOD);
        assertThatThrownBy(() -> SymbolMaster.load(List.of(a, b)))
                .isInstanceOfSatisfying(SymbolDataException.class, e -> {
                    assertThat(e.source()).isEqualTo(b.toString());
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("duplicate symbol 'AAPL', already listed at " + a + " line 2");
                });
    }

    @Test
    void missingFileOrResourceFails(@TempDir Path dir) {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> SymbolMaster.load(List.of(missing)))
                .isInstanceOf(SymbolDataException.class).hasMessageContaining("nope.csv").hasMessageContaining("not found");
        assertThatThrownBy(() -> SymbolMaster.fromClasspath(getClass().getClassLoader(),
                List.of("symbols-fixtures/sample.csv", "symbols-fixtures/missing.csv")))
                .isInstanceOf(SymbolDataException.class)
                .hasMessage("symbols-fixtures/missing.csv: not found on the classpath");
    }

    @Test
    void loadsFilesFromDisk(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), HEADER + GOOD);
        Path b = Files.writeString(dir.resolve("b.csv"), HEADER + "ATW.CSE,Attijariwafa Bank,CSE,,equity,MAD,,Banks\n");
        SymbolMaster m = SymbolMaster.load(List.of(a, b));
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.find("ATW.CSE").orElseThrow().mic()).isEqualTo("XCAS");
    }
}

package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a bad risk config is one line naming the file, the field and the value")
class RiskConfigErrorsTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("risk.json");
        Files.writeString(f, text);
        return f;
    }

    /** @return the message, its file prefix (checked) shortened to "risk config risk.json: " */
    private String refused(String text) throws Exception {
        Path f = file(text);
        RiskConfigException e = assertThrows(RiskConfigException.class, () -> RiskConfig.load(f));
        String m = e.getMessage();
        assertEquals(-1, m.indexOf('\n'), m);
        String prefix = "risk config " + f + ": ";
        assertTrue(m.startsWith(prefix), "names the file as given: " + m);
        return "risk config risk.json: " + m.substring(prefix.length());
    }

    @Test
    void aUtf8ByteOrderMark_isAccepted() throws Exception {
        assertEquals(4, RiskConfig.load(file("\uFEFF{ \"maxOpenPositions\": 4 }")).maxOpenPositions());
        assertEquals(4, RiskConfig.fromJson("\uFEFF{ \"maxOpenPositions\": 4 }").maxOpenPositions());
    }

    @Test
    void aFractionForAWholeNumber_isRefused_notTruncated() throws Exception {
        assertEquals("risk config risk.json: maxOpenPositions: 10.7 is not a whole number",
                refused("{ \"maxOpenPositions\": 10.7 }"));
        assertEquals("risk config risk.json: correlation.minSamples: 1.0E-7 is not a whole number",
                refused("{ \"correlation\": { \"minSamples\": 1e-7 } }"));
        assertEquals(4, RiskConfig.fromJson("{ \"maxOpenPositions\": 4.0 }").maxOpenPositions(), "4.0 is whole");
    }

    @Test
    void aSecondJsonObject_isRefused() throws Exception {
        String m = refused("{ \"maxOpenPositions\": 3 }\n{ \"maxOpenPositions\": 4 }");
        assertEquals("risk config risk.json: unexpected text after the config object at line 2, column 1"
                + " (one JSON object per file)", m);
        assertTrue(refused("{ \"maxOpenPositions\": 3 } x").contains("after the config object"));
    }

    @Test
    void aDuplicateKey_isRefused_withItsPath() throws Exception {
        assertTrue(refused("{ \"maxOpenPositions\": 3, \"maxOpenPositions\": 4 }")
                .startsWith("risk config risk.json: maxOpenPositions appears twice (at line 1"));
        String nested = refused("{ \"killSwitch\": { \"dailyLossShare\": 0.1,\n \"dailyLossShare\": 0.5 } }");
        assertTrue(nested.startsWith("risk config risk.json: killSwitch.dailyLossShare appears twice (at line 2"), nested);
    }

    @Test
    void aMissingFile_aDirectory_andBytesThatAreNotUtf8() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertEquals("risk config " + missing + ": no such file",
                assertThrows(RiskConfigException.class, () -> RiskConfig.load(missing)).getMessage());
        assertEquals("risk config " + dir + ": is a directory, not a file",
                assertThrows(RiskConfigException.class, () -> RiskConfig.load(dir)).getMessage());
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{ \"killSwitch\": { \"dayZone\": \"Z\u00fcrich\" } }".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("risk config " + latin1 + ": is not UTF-8 text",
                assertThrows(RiskConfigException.class, () -> RiskConfig.load(latin1)).getMessage());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNamedPipe_isRefused_neverWaitedOn() throws Exception {
        Path fifo = dir.resolve("fifo.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        assertEquals("risk config " + fifo + ": is not a regular file",
                assertThrows(RiskConfigException.class, () -> RiskConfig.load(fifo)).getMessage());
    }

    @Test
    void unknownFields_wrongTypes_andNulls_nameTheField() throws Exception {
        assertEquals("risk config risk.json: sessions.closeBuffer: unknown field (known: closeBufferMinutes,"
                + " maxSpreadMultiple)", refused("{ \"sessions\": { \"closeBuffer\": 5 } }"));
        assertTrue(refused("{ \"classLimits\": { \"CRYPT\": { \"maxLeverage\": 2 } } }")
                .startsWith("risk config risk.json: classLimits.CRYPT: unknown field (known: FOREX, COMMODITY, INDEX,"
                        + " CRYPTO)"));
        assertEquals("risk config risk.json: maxOrderNotional: expected a number, was \"lots\"",
                refused("{ \"maxOrderNotional\": \"lots\" }"));
        assertEquals("risk config risk.json: maxOpenPositions: expected a whole number, was \"10\"",
                refused("{ \"maxOpenPositions\": \"10\" }"));
        assertEquals("risk config risk.json: killSwitch: expected an object, was 5",
                refused("{ \"killSwitch\": 5 }"));
        assertEquals("risk config risk.json: sizing.atrPeriod: expected a whole number, was null",
                refused("{ \"sizing\": { \"atrPeriod\": null } }"));
        assertEquals("risk config risk.json: killSwitch.dayZone: expected a string, was true",
                refused("{ \"killSwitch\": { \"dayZone\": true } }"));
        assertEquals("risk config risk.json: must be a JSON object, was an array", refused("[1, 2]"));
        assertEquals("risk config risk.json: is empty, expected a JSON object", refused("  \n"));
    }

    @Test
    void outOfRangeValues_nameTheFieldAndTheValue() throws Exception {
        assertEquals("risk config risk.json: maxOpenPositions: 99999999999 is out of range for a whole number"
                + " (-2147483648 to 2147483647)", refused("{ \"maxOpenPositions\": 99999999999 }"));
        // beyond a double (1e400) the parser reads Infinity: still the field and the range, not a NumberFormatException
        assertEquals("risk config risk.json: maxOpenPositions: Infinity is out of range for a whole number"
                + " (-2147483648 to 2147483647)", refused("{ \"maxOpenPositions\": 1e400 }"));
        assertEquals("risk config risk.json: sizing.atrPeriod: -Infinity is out of range for a whole number"
                + " (-2147483648 to 2147483647)", refused("{ \"sizing\": { \"atrPeriod\": -1e400 } }"));
        assertEquals("risk config risk.json: classLimits.FOREX.maxPositionShare must be in (0, 1] (a position's"
                + " margin as a share of equity), was 1.5",
                refused("{ \"classLimits\": { \"FOREX\": { \"maxPositionShare\": 1.5 } } }"));
        assertEquals("risk config risk.json: maxAccountLeverage must be finite and > 0, was Infinity",
                refused("{ \"maxAccountLeverage\": 1e999 }"));
        assertEquals("risk config risk.json: maxOrdersPerMinute: -Infinity is out of range for a whole number"
                + " (-2147483648 to 2147483647)", refused("{ \"maxOrdersPerMinute\": -1e400 }"));
        assertEquals("risk config risk.json: sizing.method: \"KELLY\" is not one of [CONFIDENCE, RISK_PER_TRADE]",
                refused("{ \"sizing\": { \"method\": \"KELLY\" } }"));
        assertTrue(refused("{ \"killSwitch\": { \"dayStart\": \"25:00\" } }")
                .startsWith("risk config risk.json: killSwitch.dayStart: \"25:00\" is not a local time"));
        assertTrue(refused("{ \"killSwitch\": { \"dayZone\": \"Mars/Base\" } }")
                .startsWith("risk config risk.json: killSwitch.dayZone: \"Mars/Base\" is not a time zone"));
    }

    @Test
    void invalidJson_saysWhere_onOneLine() throws Exception {
        String m = refused("{ \"maxOpenPositions\": 3,\n  \"maxOrderNotional\" 5 }");
        assertTrue(m.startsWith("risk config risk.json: not valid JSON at line 2, column "), m);
    }

    @Test
    void inputBeyondTheParsersLimits_isOneLine_withAPlace() throws Exception {
        String deep = refused("{ \"sizing\": " + "[".repeat(100_000) + " }");
        assertTrue(deep.startsWith("risk config risk.json: not valid JSON at line 1, column "), deep);
        String longNumber = refused("{ \"maxOrderNotional\": " + "9".repeat(5_000) + " }");
        assertTrue(longNumber.startsWith("risk config risk.json: not valid JSON at line 1, column "), longNumber);
    }

    @Test
    void aValueWithControlCharacters_staysOnOneLine() throws Exception {
        String m = refused("{ \"sizing\": { \"method\": \"A\\nB\\u2028C\" } }");
        assertTrue(m.startsWith("risk config risk.json: sizing.method: "), m);
        assertEquals(-1, m.indexOf('\u2028'), m);
    }
}

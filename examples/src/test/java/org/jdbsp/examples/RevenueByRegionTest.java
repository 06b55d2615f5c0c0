package org.jdbsp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README's example and checks what it prints. */
class RevenueByRegionTest {
    @Test
    void readmeExamplePrintsTheChanges() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            RevenueByRegion.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String expected = String.join(System.lineSeparator(),
                "step 1 change: {Revenue[region=EU, total=30] => 1, Revenue[region=US, total=50] => 1}",
                "step 2 change: {Revenue[region=EU, total=100] => 1, Revenue[region=EU, total=30] => -1, "
                        + "Revenue[region=US, total=50] => -1}",
                "view:          {Revenue[region=EU, total=100] => 1}", "");
        assertEquals(expected, buffer.toString(StandardCharsets.UTF_8));
    }
}

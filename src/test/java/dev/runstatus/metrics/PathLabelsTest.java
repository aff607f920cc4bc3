package dev.runstatus.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathLabelsTest {

    @Test
    void foldsArrayIndexesAndNamesTheRoot() {
        PathLabels labels = new PathLabels(10);
        assertEquals("/extendedPayloads/*/parameters/*", labels.label("/extendedPayloads/12/parameters/0"));
        assertEquals("/error/code", labels.label("/error/code"));
        assertEquals("/a1/b2", labels.label("/a1/b2"));
        assertEquals("/", labels.label(""));
    }

    @Test
    void foldsNewPathsIntoOtherOnceTheLimitIsReached() {
        PathLabels labels = new PathLabels(2);
        assertEquals("/a", labels.label("/a"));
        assertEquals("/b", labels.label("/b"));
        assertEquals(PathLabels.OTHER, labels.label("/c"));
        assertEquals("/a", labels.label("/a"));
    }
}

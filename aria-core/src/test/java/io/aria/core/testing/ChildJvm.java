package io.aria.core.testing;

import java.io.File;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path for a JVM a test starts (a client or terminal killed in its own process). The
 * tests run on the module path, patched into their module: the module and its dependencies
 * are on {@code jdk.module.path}, the test classes and test-only jars on the class path. The child
 * gets both on its class path.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** @return the module path and the class path of this test run, as one class path */
    public static String classPath() {
        return Stream.of(System.getProperty("jdk.module.path"),
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")))
                .filter(s -> s != null && !s.isEmpty())
                .collect(Collectors.joining(File.pathSeparator));
    }
}

package io.gilder.build;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs generated command lines the way the SSM agent does (a POSIX {@code sh}, here {@code dash})
 * with a PATH holding only the basic tools and the stubs a test writes, so a test sees exactly which
 * package manager or download tool the lines call, with which arguments.
 */
final class ShellRun {

    private static final List<String> TOOLS = List.of("bash", "sed", "mktemp", "rm", "cat", "sort", "comm", "env",
            "sha256sum");

    /** What a stub writes to an argument ending in {@code /step} (a download target). */
    static final String FETCHED = "echo fetched script ran";

    private final Path bin;

    ShellRun(Path dir) throws IOException, InterruptedException {
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(locate(tool)));
        }
    }

    /** A stub command that appends its arguments (and DEBIAN_FRONTEND) to {@code <name>.calls} prints {@code output}, and writes {@link #FETCHED} to a download target. */
    ShellRun stub(String name, String output) throws IOException {
        Path stub = bin.resolve(name);
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$*${DEBIAN_FRONTEND:+ [DEBIAN_FRONTEND=$DEBIAN_FRONTEND]}\" >> \""
                + bin.resolve(name + ".calls") + "\"\n" + (output.isEmpty() ? "" : "printf '%s\\n' '" + output + "'\n")
                + "for arg; do case \"$arg\" in */step) printf '%s\\n' " + BuildCommands.quote(FETCHED) + " > \"$arg\";; esac; done\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    /** Every call of the stub {@code name}, one line each. */
    List<String> calls(String name) throws IOException {
        Path calls = bin.resolve(name + ".calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    Result run(List<String> lines) throws IOException, InterruptedException {
        Path script = Files.writeString(bin.getParent().resolve("command.sh"), String.join("\n", lines) + "\n");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", script.toString()).directory(bin.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("script did not finish");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String stdout, String stderr) {}

    private static String locate(String tool) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("/bin/sh", "-c", "command -v " + tool).start();
        String path = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (which.waitFor() != 0 || path.isEmpty()) {
            throw new IllegalStateException(tool + " is not installed");
        }
        return path;
    }
}

package io.gilder.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto server in its own process, configured to execute state machines for real. {@code MOTO_PORT}
 * points moto's Step Functions interpreter at the {@link Gateway}, so its Lambda and SDK-integration
 * calls reach the real functions and the fault injector. A watchdog thread ends moto when the stack's
 * JVM goes away (its stdin closes), so an interrupted run leaves nothing behind.
 */
public final class MotoServer implements AutoCloseable {

    private static final String LAUNCHER = String.join("\n",
            "import json, os, sys, threading",
            "def watch():",
            "    sys.stdin.read()",
            "    os._exit(0)",
            "threading.Thread(target=watch, daemon=True).start()",
            // moto gives every account and region its generic images, the latest Amazon Linux, Windows and other
            // images, and 1,227 ECS-optimized images, each with a volume and a snapshot: DescribeSnapshots answered
            // ~1,300 snapshots in ~0.5 s per call and every new account-region built them all. The catalog moto
            // reads instead (MOTO_AMIS_PATH) is made here from moto's own files, without the ECS images.
            "from moto.utilities.utils import load_resource",
            "amis = {a['ami_id']: a for f in ['ec2/resources/amis.json', 'ec2/resources/latest_amis/us-east-1.json'] for a in load_resource(f)}",
            "with open(sys.argv[2], 'w') as out: json.dump(list(amis.values()), out)",
            "os.environ['MOTO_AMIS_PATH'] = sys.argv[2]",
            // Every call reaches moto through the Gateway, which cannot keep the Host header the caller signed: moto would
            // refuse every signature once it enforces IAM. It evaluates the policies; no signature is checked (the SDKs sign).
            "from moto.iam.access_control import IAMRequestBase",
            "IAMRequestBase.check_signature = lambda self: None",
            // moto lists its own package folder (listdir, then isdir for each of ~150 entries) to route every request, under
            // the lock all requests take: ~7% of its time. The folder does not change while it runs: list it once.
            "import moto.backends",
            "modules = list(moto.backends.list_of_moto_modules())",
            "moto.backends.list_of_moto_modules = lambda: modules",
            // Its Step Functions interpreter made a new boto3 client for every Lambda invoke and service call (~6% of
            // its time) and parsed every JSONPath again at each use (~4%): keep one client per region and service (the
            // credentials it signs with are fixed) and each parsed path. The interpreter's own code is unchanged.
            "import functools",
            "import moto.stepfunctions.parser.asl.utils.boto_client as boto_client",
            "import moto.stepfunctions.parser.asl.utils.json_path as json_path",
            "clients, new_client = {}, boto_client.boto_client_for",
            "def boto_client_for(region, service, state_credentials=None):",
            "    if state_credentials:",
            "        return new_client(region, service, state_credentials)",
            "    client = clients.get((region, service))",
            "    return client if client is not None else clients.setdefault((region, service), new_client(region, service))",
            "boto_client.boto_client_for = boto_client_for",
            "json_path.parse = functools.lru_cache(maxsize=4096)(json_path.parse)",
            // An execution stopped while a task was in flight ended FAILED (States.Runtime, "Could not set NextState value
            // when in state ProgramStopped"): the task's end overwrote the stop. In AWS a stopped execution stays ABORTED.
            "import moto.stepfunctions.parser.asl.eval.environment as sfn_environment",
            "from moto.stepfunctions.parser.asl.eval.program_state import ProgramStopped",
            "set_error = sfn_environment.Environment.set_error",
            "def set_error_unless_stopped(self, error):",
            "    if not isinstance(self._program_state, ProgramStopped):",
            "        set_error(self, error)",
            "sfn_environment.Environment.set_error = set_error_unless_stopped",
            // StopExecution left the execution RUNNING until the task in flight returned (its worker stops between states);
            // in AWS it is ABORTED at once while the task's Lambda runs on, which is what the second sweep is for. Status
            // and stop date are now set at the stop and kept when the worker ends.
            "import moto.stepfunctions.parser.backend.execution as sfn_execution",
            "from moto.stepfunctions.parser.api import ExecutionStatus as SfnStatus",
            "stop_execution = sfn_execution.Execution.stop",
            "def stop_at_once(self, stop_date, error, cause):",
            "    stop_execution(self, stop_date, error, cause)",
            "    worker = self.exec_worker",
            "    if self.exec_status == SfnStatus.RUNNING and worker is not None and isinstance(worker.env.program_state(), ProgramStopped):",
            "        self.exec_status, self.stop_date, self.error, self.cause = SfnStatus.ABORTED, stop_date, error, cause",
            "sfn_execution.Execution.stop = stop_at_once",
            "reflect_status = sfn_execution.BaseExecutionWorkerCommunication._reflect_execution_status",
            "def reflect_keeping_the_stop(self):",
            "    stopped_at = self.execution.stop_date if self.execution.exec_status == SfnStatus.ABORTED else None",
            "    reflect_status(self)",
            "    if stopped_at is not None:",
            "        self.execution.exec_status, self.execution.stop_date = SfnStatus.ABORTED, stopped_at",
            "sfn_execution.BaseExecutionWorkerCommunication._reflect_execution_status = reflect_keeping_the_stop",
            // AWS applies CreateImage's and CopyImage's tag specifications to the new image and to each of its new snapshots,
            // and Gilder's roles may tag them at that moment only (ec2:CreateAction). moto refused snapshot ones on CreateImage
            // (NotImplementedError) and ignored all of CopyImage's: both now tag as AWS does, refusing other resource types first.
            "from moto.core.responses import ActionResult",
            "from moto.ec2.exceptions import InvalidTaggableResourceType",
            "from moto.ec2.models.amis import AmiBackend",
            "from moto.ec2.responses.amis import AmisResponse",
            "def checked(specifications):",
            "    for specification in specifications:",
            "        if specification['ResourceType'] not in ('image', 'snapshot'):",
            "            raise InvalidTaggableResourceType(specification['ResourceType'])",
            "    return specifications",
            "def tag_new_image(image, specifications):",
            "    for specification in specifications:",
            "        resource = image if specification['ResourceType'] == 'image' else image.ebs_snapshot",
            "        resource.add_tags({tag['Key']: tag['Value'] for tag in specification.get('Tags', [])})",
            "    return image",
            "create_image = AmiBackend.create_image",
            "def create_image_tagged(self, instance_id, name, description, tag_specifications):",
            "    specifications = checked(tag_specifications)",
            "    return tag_new_image(create_image(self, instance_id, name, description, []), specifications)",
            "AmiBackend.create_image = create_image_tagged",
            "def copy_image_tagged(self):",
            "    specifications = checked(self._get_param('TagSpecifications', []))",
            "    self.error_on_dryrun()",
            "    image = self.ec2_backend.copy_image(self._get_param('SourceImageId'), self._get_param('SourceRegion'),",
            "                                        self._get_param('Name'), self._get_param('Description'))",
            "    return ActionResult({'ImageId': tag_new_image(image, specifications).id})",
            "AmisResponse.copy_image = copy_image_tagged",
            // Werkzeug logged every request to moto.log (~4% of its time); errors are still logged.
            "import werkzeug.serving",
            "werkzeug.serving.WSGIRequestHandler.log_request = lambda self, *args, **kwargs: None",
            "from moto.server import main",
            "main(['-H', '127.0.0.1', '-p', sys.argv[1]])");

    private final Process process;
    private final URI uri;

    public MotoServer(Path python, int port, int interpreterPort, Path log) {
        this.uri = URI.create("http://127.0.0.1:" + port);
        ProcessBuilder builder = new ProcessBuilder(List.of(python.toString(), "-c", LAUNCHER, String.valueOf(port),
                log.resolveSibling("moto-images.json").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MOTO_PORT", String.valueOf(interpreterPort));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start moto with " + python + " (run `make tools` first)", e);
        }
        awaitReady(log);
        post("/moto-api/config", "{\"stepfunctions\":{\"execute_state_machine\":true},\"lambda\":{\"use_docker\":false}}");
    }

    /**
     * From now on moto authenticates every request and evaluates the caller's identity policies (its IAM users' and
     * assumed roles' inline and attached policies), for every account of this server.
     */
    public void enforceIam() {
        post("/moto-api/reset-auth", "0");
    }

    public URI uri() {
        return uri;
    }

    public long pid() {
        return process.pid();
    }

    /** Another process took the port between choosing it and moto binding it (e.g. the other test JVM's moto). */
    public static final class PortTaken extends IllegalStateException {
        PortTaken(String message) {
            super(message);
        }
    }

    /**
     * Ready when this process's own log says it listens on the port, and it answers there. The log is checked first: an
     * answer alone could come from another moto that took the port (test JVMs start stacks side by side).
     */
    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String listening = "Running on " + uri;
        while (System.nanoTime() < deadline) {
            String written = read(log);
            if (!process.isAlive()) {
                if (written.contains("in use")) {
                    throw new PortTaken("moto could not listen on " + uri + ": the port was taken; see " + log);
                }
                throw new IllegalStateException("moto exited with " + process.exitValue() + "; see " + log);
            }
            if (!written.contains(listening)) {
                sleep(100);
                continue;
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri.resolve("/moto-api/data.json")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("moto did not answer within 60 s; see " + log);
    }

    private static String read(Path log) {
        try {
            return java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    void post(String path, String json) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve(path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("moto " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

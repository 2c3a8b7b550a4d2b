package io.gilder.local.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory AWS Service Catalog for the local stack, because moto has no provisioning artifacts,
 * {@code DescribeProductAsAdmin}, portfolio associations or {@code ListPortfoliosForProduct}. It speaks the
 * real wire protocol (AWS JSON 1.1: {@code POST /}, {@code X-Amz-Target: AWS242ServiceCatalogService.<Operation>},
 * errors as {@code {"__type", "message"}} with HTTP 400), so the unmodified SDK client and Gilder's adapter run
 * against it; the {@link Gateway} sends it every {@code servicecatalog:*} call, after fault injection.
 *
 * <p>Modelled on the API reference, including what AWS refuses: deleting a product's last version
 * ({@code InvalidParametersException}: the reference forbids it but does not say which of its three listed errors
 * answers; Gilder never relies on the code), deleting a product or a portfolio while they are associated
 * ({@code ResourceInUseException}), anything unknown ({@code ResourceNotFoundException}). Like AWS it does
 * <em>not</em> make product or version names unique, so a caller that creates twice gets two. A create
 * repeating an {@code IdempotencyToken} gets the first answer back. Like AWS's template validation, a create
 * reads the S3 object named by {@code LoadTemplateFromURL} (unless {@code DisableTemplateValidation}) and refuses
 * a missing one; the text read is kept for tests. Not modelled: regions and accounts (one catalog), shares,
 * constraints, end-user access (DescribeProduct answers for any product), provisioning, tags.
 *
 * <p>A plain JDK HTTP server rather than a WireMock extension: the fake is a small stateful service, not a set of
 * stubs, so WireMock would only add a catch-all stub and an extension registered when the server is built.
 */
public final class ServiceCatalogFake implements AutoCloseable {

    /** The Gateway key that routes the whole service here. */
    public static final String SERVICE = "servicecatalog:*";
    static final String TARGET_PREFIX = "AWS242ServiceCatalogService.";
    static final String JSON = "application/x-amz-json-1.1";
    /** Largest page Service Catalog's list operations allow, and their default. */
    public static final int MAX_PAGE_SIZE = 20;
    private static final String TEMPLATE_URL = "LoadTemplateFromURL";

    public record Portfolio(String id, String displayName, String providerName, String description, Instant created) {}

    public record Product(String id, String name, String owner, String description, String type, Instant created) {}

    /**
     * A version of a product.
     *
     * @param templateUrl its {@code LoadTemplateFromURL}
     * @param template    the template text read from that URL at creation, or null when validation was disabled
     */
    public record Artifact(String id, String name, String description, String type, String templateUrl, String template,
            Instant created) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "service-catalog-fake");
        t.setDaemon(true);
        return t;
    });
    private final ObjectReader objects;
    private final Random random = new Random();

    // State, guarded by this.
    private final Map<String, Portfolio> portfolios = new LinkedHashMap<>();
    private final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<String, List<Artifact>> artifacts = new HashMap<>();
    private final Map<String, Set<String>> associations = new HashMap<>();
    /** First answers of creates by operation and idempotency token. */
    private final Map<String, ObjectNode> idempotent = new HashMap<>();

    /**
     * The text of an S3 object, empty when there is none. AWS reads templates with the caller's rights;
     * the local stack reads them as the pipeline account.
     */
    @FunctionalInterface
    public interface ObjectReader {
        Optional<String> read(String bucket, String key);
    }

    /** @param objects how templates are read from S3 */
    public ServiceCatalogFake(ObjectReader objects) {
        this.objects = objects;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ------------------------------------------------------------------ inspection (for tests)

    public synchronized List<Product> products() {
        return List.copyOf(products.values());
    }

    /** Every product of that exact name (Service Catalog allows several). */
    public synchronized List<Product> productsNamed(String name) {
        return products.values().stream().filter(p -> p.name().equals(name)).toList();
    }

    /** The product's versions in creation order; empty when there is no such product. */
    public synchronized List<Artifact> artifacts(String productId) {
        return List.copyOf(artifacts.getOrDefault(productId, List.of()));
    }

    /** Ids of the portfolios the product is associated with, in association order. */
    public synchronized List<String> portfoliosOf(String productId) {
        return List.copyOf(associations.getOrDefault(productId, Set.of()));
    }

    public synchronized List<Portfolio> portfolios() {
        return List.copyOf(portfolios.values());
    }

    /** The {@code LoadTemplateFromURL} of a version of any product. */
    public synchronized Optional<String> templateUrl(String artifactId) {
        return artifacts.values().stream().flatMap(List::stream).filter(a -> a.id().equals(artifactId)).findFirst()
                .map(Artifact::templateUrl);
    }

    // ------------------------------------------------------------------ HTTP

    /** An error in the JSON protocol's shape; the SDK raises the exception class named by {@code type}. */
    static final class ApiError extends RuntimeException {
        final String type;

        ApiError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            int status = 200;
            JsonNode answer;
            try {
                if (!exchange.getRequestMethod().equals("POST") || !target.startsWith(TARGET_PREFIX)) {
                    throw new ApiError("UnknownOperationException", "Expected POST with X-Amz-Target " + TARGET_PREFIX + "<Operation>");
                }
                answer = dispatch(target.substring(TARGET_PREFIX.length()), request(body));
            } catch (ApiError e) {
                status = 400;
                exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type);
                answer = Json.MAPPER.createObjectNode().put("__type", e.type).put("message", e.getMessage());
            } catch (RuntimeException e) {
                status = 500;
                answer = Json.MAPPER.createObjectNode().put("__type", "InternalFailure").put("message", "local Service Catalog: " + e);
            }
            byte[] bytes = Json.write(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", JSON);
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static JsonNode request(byte[] body) {
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new ApiError("SerializationException", "The request body is not a JSON object");
    }

    private JsonNode dispatch(String operation, JsonNode in) {
        return switch (operation) {
            case "CreatePortfolio" -> createPortfolio(in);
            case "DescribePortfolio" -> describePortfolio(in);
            case "ListPortfolios" -> listPortfolios(in);
            case "DeletePortfolio" -> deletePortfolio(in);
            case "CreateProduct" -> createProduct(in);
            case "DescribeProductAsAdmin" -> describeProduct(in, true);
            case "DescribeProduct" -> describeProduct(in, false);
            case "DeleteProduct" -> deleteProduct(in);
            case "ListProvisioningArtifacts" -> listProvisioningArtifacts(in);
            case "CreateProvisioningArtifact" -> createProvisioningArtifact(in);
            case "DescribeProvisioningArtifact" -> describeProvisioningArtifact(in);
            case "DeleteProvisioningArtifact" -> deleteProvisioningArtifact(in);
            case "AssociateProductWithPortfolio" -> associate(in);
            case "DisassociateProductFromPortfolio" -> disassociate(in);
            case "ListPortfoliosForProduct" -> listPortfoliosForProduct(in);
            default -> throw new ApiError("UnknownOperationException", "The local Service Catalog does not implement " + operation);
        };
    }

    // ------------------------------------------------------------------ portfolios

    private ObjectNode createPortfolio(JsonNode in) {
        String name = required(in, "DisplayName");
        String provider = required(in, "ProviderName");
        return once("CreatePortfolio/" + required(in, "IdempotencyToken"), () -> () -> {
            Portfolio portfolio = new Portfolio(newId("port-"), name, provider, optional(in, "Description"), Instant.now());
            portfolios.put(portfolio.id(), portfolio);
            ObjectNode out = object();
            out.set("PortfolioDetail", detail(portfolio));
            return out;
        });
    }

    private synchronized ObjectNode describePortfolio(JsonNode in) {
        ObjectNode out = object();
        out.set("PortfolioDetail", detail(portfolio(required(in, "Id"))));
        out.putArray("Tags");
        return out;
    }

    private synchronized ObjectNode listPortfolios(JsonNode in) {
        return page(in, "PortfolioDetails", portfolios.values().stream().map(ServiceCatalogFake::detail).toList());
    }

    private synchronized ObjectNode deletePortfolio(JsonNode in) {
        Portfolio portfolio = portfolio(required(in, "Id"));
        List<String> members = associations.entrySet().stream().filter(e -> e.getValue().contains(portfolio.id()))
                .map(Map.Entry::getKey).toList();
        if (!members.isEmpty()) {
            throw new ApiError("ResourceInUseException", "Portfolio " + portfolio.id() + " has associated products " + members);
        }
        portfolios.remove(portfolio.id());
        return object();
    }

    // ------------------------------------------------------------------ products

    private ObjectNode createProduct(JsonNode in) {
        String name = required(in, "Name");
        String owner = required(in, "Owner");
        String type = required(in, "ProductType");
        if (!in.path("ProvisioningArtifactParameters").isObject()) {
            throw new ApiError("InvalidParametersException", "ProvisioningArtifactParameters is required");
        }
        return once("CreateProduct/" + required(in, "IdempotencyToken"), () -> {
            Function<String, Artifact> version = versionOf(in.path("ProvisioningArtifactParameters"), "ProvisioningArtifactParameters");
            return () -> {
                Product product = new Product(newId("prod-"), name, owner, optional(in, "Description"), type, Instant.now());
                Artifact first = version.apply(newId("pa-"));
                products.put(product.id(), product);
                artifacts.put(product.id(), new ArrayList<>(List.of(first)));
                ObjectNode out = object();
                out.set("ProductViewDetail", viewDetail(product));
                out.set("ProvisioningArtifactDetail", detail(first));
                out.putArray("Tags");
                return out;
            };
        });
    }

    /** {@code DescribeProductAsAdmin} ({@code admin}) or {@code DescribeProduct}: the product and its versions. */
    private synchronized ObjectNode describeProduct(JsonNode in, boolean admin) {
        Product product = productByIdOrName(in);
        ObjectNode out = object();
        out.set(admin ? "ProductViewDetail" : "ProductViewSummary", admin ? viewDetail(product) : viewSummary(product));
        ArrayNode list = out.putArray(admin ? "ProvisioningArtifactSummaries" : "ProvisioningArtifacts");
        artifacts.get(product.id()).forEach(a -> list.add(admin ? summary(a) : summary(a).put("Guidance", "DEFAULT")));
        return out;
    }

    private synchronized ObjectNode deleteProduct(JsonNode in) {
        Product product = product(required(in, "Id"));
        Set<String> holding = associations.getOrDefault(product.id(), Set.of());
        if (!holding.isEmpty()) {
            throw new ApiError("ResourceInUseException", "Product " + product.id() + " is associated with portfolio(s) "
                    + String.join(", ", holding) + "; disassociate it before deleting it");
        }
        products.remove(product.id());
        artifacts.remove(product.id());
        associations.remove(product.id());
        return object();
    }

    // ------------------------------------------------------------------ provisioning artifacts

    private synchronized ObjectNode listProvisioningArtifacts(JsonNode in) {
        Product product = product(required(in, "ProductId"));
        ObjectNode out = object();
        ArrayNode list = out.putArray("ProvisioningArtifactDetails");
        artifacts.get(product.id()).forEach(a -> list.add(detail(a)));
        return out;
    }

    private ObjectNode createProvisioningArtifact(JsonNode in) {
        String productId = required(in, "ProductId");
        if (!in.path("Parameters").isObject()) {
            throw new ApiError("InvalidParametersException", "Parameters is required");
        }
        return once("CreateProvisioningArtifact/" + productId + "/" + required(in, "IdempotencyToken"), () -> {
            synchronized (this) {
                product(productId);
            }
            Function<String, Artifact> version = versionOf(in.path("Parameters"), "Parameters");
            return () -> {
                Artifact artifact = version.apply(newId("pa-"));
                artifacts.get(product(productId).id()).add(artifact);
                return artifactAnswer(artifact);
            };
        });
    }

    private synchronized ObjectNode describeProvisioningArtifact(JsonNode in) {
        Product product = in.hasNonNull("ProductId") ? product(in.get("ProductId").asText()) : productNamed(optional(in, "ProductName"));
        String id = optional(in, "ProvisioningArtifactId");
        String name = optional(in, "ProvisioningArtifactName");
        if (id == null && name == null) {
            throw new ApiError("InvalidParametersException", "ProvisioningArtifactId or ProvisioningArtifactName is required");
        }
        return artifactAnswer(artifacts.get(product.id()).stream()
                .filter(a -> id != null ? a.id().equals(id) : a.name().equals(name)).findFirst()
                .orElseThrow(() -> notFound("Provisioning artifact " + (id != null ? id : name) + " of product " + product.id())));
    }

    private synchronized ObjectNode deleteProvisioningArtifact(JsonNode in) {
        Product product = product(required(in, "ProductId"));
        String id = required(in, "ProvisioningArtifactId");
        List<Artifact> versions = artifacts.get(product.id());
        Artifact artifact = versions.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> notFound("Provisioning artifact " + id + " of product " + product.id()));
        if (versions.size() == 1) {
            // The API reference: "You cannot delete the last provisioning artifact for a product".
            throw new ApiError("InvalidParametersException", "Provisioning artifact " + id + " is the last one of product "
                    + product.id() + "; a product must have at least one provisioning artifact (delete the product instead)");
        }
        versions.remove(artifact);
        return object();
    }

    // ------------------------------------------------------------------ associations

    private synchronized ObjectNode associate(JsonNode in) {
        Product product = product(required(in, "ProductId"));
        Portfolio portfolio = portfolio(required(in, "PortfolioId"));
        associations.computeIfAbsent(product.id(), k -> new LinkedHashSet<>()).add(portfolio.id());
        return object();
    }

    private synchronized ObjectNode disassociate(JsonNode in) {
        Product product = product(required(in, "ProductId"));
        Portfolio portfolio = portfolio(required(in, "PortfolioId"));
        Set<String> holding = associations.get(product.id());
        if (holding == null || !holding.remove(portfolio.id())) {
            throw notFound("Product " + product.id() + " is not associated with portfolio " + portfolio.id());
        }
        return object();
    }

    private synchronized ObjectNode listPortfoliosForProduct(JsonNode in) {
        Product product = product(required(in, "ProductId"));
        return page(in, "PortfolioDetails", associations.getOrDefault(product.id(), Set.of()).stream()
                .map(id -> detail(portfolios.get(id))).toList());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A create made once per idempotency token: the first answer for {@code key} again, else {@code prepare}
     * (validation and template reading, outside the lock) then its result (the change, atomically), kept.
     */
    private ObjectNode once(String key, Supplier<Supplier<ObjectNode>> prepare) {
        synchronized (this) {
            ObjectNode earlier = idempotent.get(key);
            if (earlier != null) {
                return earlier.deepCopy();
            }
        }
        Supplier<ObjectNode> create = prepare.get();
        synchronized (this) {
            return idempotent.computeIfAbsent(key, k -> create.get()).deepCopy();
        }
    }

    /**
     * Reads a version's parameters and the template it names (as AWS validates it); returns how to build
     * the version once its id is known.
     */
    private Function<String, Artifact> versionOf(JsonNode parameters, String field) {
        String url = parameters.path("Info").path(TEMPLATE_URL).asText(null);
        if (url == null || url.isBlank()) {
            throw new ApiError("InvalidParametersException", field + ".Info." + TEMPLATE_URL
                    + " is required (the local Service Catalog supports no other template source)");
        }
        String template = parameters.path("DisableTemplateValidation").asBoolean(false) ? null : fetch(url, field);
        String name = parameters.path("Name").asText(null);
        String description = parameters.path("Description").asText(null);
        String type = parameters.path("Type").asText("CLOUD_FORMATION_TEMPLATE");
        Instant created = Instant.now();
        return id -> new Artifact(id, name, description, type, url, template, created);
    }

    private String fetch(String url, String field) {
        Optional<S3Location> location = S3Location.of(url);
        Optional<String> text = location.flatMap(l -> objects.read(l.bucket(), l.key())).filter(t -> !t.isBlank());
        if (text.isEmpty()) {
            throw new ApiError("InvalidParametersException", field + ".Info." + TEMPLATE_URL + ": cannot read a template at " + url
                    + location.map(l -> " (no object s3://" + l.bucket() + "/" + l.key() + ")").orElse(" (not an S3 object URL)"));
        }
        return text.get();
    }

    /**
     * An S3 object named by a URL, path-style ({@code http://host/bucket/key}, the local stack's) or
     * virtual-hosted ({@code https://bucket.s3.region.amazonaws.com/key}).
     */
    record S3Location(String bucket, String key) {

        private static final Pattern VIRTUAL_HOST = Pattern.compile("^(.+)\\.s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com$");

        static Optional<S3Location> of(String url) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (uri.getHost() == null || uri.getPath() == null) {
                return Optional.empty();
            }
            Matcher virtual = VIRTUAL_HOST.matcher(uri.getHost());
            if (virtual.matches()) {
                return uri.getPath().length() > 1 ? Optional.of(new S3Location(virtual.group(1), uri.getPath().substring(1)))
                        : Optional.empty();
            }
            int slash = uri.getPath().indexOf('/', 1);
            return slash > 1 && slash < uri.getPath().length() - 1
                    ? Optional.of(new S3Location(uri.getPath().substring(1, slash), uri.getPath().substring(slash + 1))) : Optional.empty();
        }
    }

    private ObjectNode artifactAnswer(Artifact artifact) {
        ObjectNode out = object();
        out.set("ProvisioningArtifactDetail", detail(artifact));
        out.putObject("Info").put("TemplateUrl", artifact.templateUrl());
        out.put("Status", "AVAILABLE");
        return out;
    }

    private Product product(String id) {
        Product product = products.get(id);
        if (product == null) {
            throw notFound("Product " + id);
        }
        return product;
    }

    private Product productNamed(String name) {
        if (name == null) {
            throw new ApiError("InvalidParametersException", "Id (ProductId) or Name (ProductName) is required");
        }
        // Names are not unique: the oldest product of that name answers.
        return products.values().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> notFound("Product named " + name));
    }

    private Product productByIdOrName(JsonNode in) {
        return in.hasNonNull("Id") ? product(in.get("Id").asText()) : productNamed(optional(in, "Name"));
    }

    private Portfolio portfolio(String id) {
        Portfolio portfolio = portfolios.get(id);
        if (portfolio == null) {
            throw notFound("Portfolio " + id);
        }
        return portfolio;
    }

    private static ApiError notFound(String what) {
        return new ApiError("ResourceNotFoundException", what + " not found");
    }

    private static String required(JsonNode in, String field) {
        String value = optional(in, field);
        if (value == null || value.isEmpty()) {
            throw new ApiError("InvalidParametersException", field + " is required");
        }
        return value;
    }

    private static String optional(JsonNode in, String field) {
        return in.hasNonNull(field) ? in.get(field).asText() : null;
    }

    /** One page of {@code items} by {@code PageSize} (1-20, default 20) and the opaque {@code PageToken}. */
    private static ObjectNode page(JsonNode in, String field, List<ObjectNode> items) {
        int size = in.path("PageSize").asInt(0) == 0 ? MAX_PAGE_SIZE : in.path("PageSize").asInt();
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw new ApiError("InvalidParametersException", "PageSize must be between 0 and " + MAX_PAGE_SIZE);
        }
        int from = 0;
        String token = optional(in, "PageToken");
        if (token != null && !token.isEmpty()) {
            try {
                from = Integer.parseInt(token.substring(token.indexOf('-') + 1));
            } catch (NumberFormatException e) {
                throw new ApiError("InvalidParametersException", "PageToken " + token + " is not valid");
            }
        }
        ObjectNode out = object();
        ArrayNode list = out.putArray(field);
        items.stream().skip(from).limit(size).forEach(list::add);
        if (from + size < items.size()) {
            out.put("NextPageToken", "page-" + (from + size));
        }
        return out;
    }

    private String newId(String prefix) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(prefix);
        synchronized (random) {
            for (int i = 0; i < 13; i++) {
                id.append(letters.charAt(random.nextInt(letters.length())));
            }
        }
        return id.toString();
    }

    private static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static String arn(String kind, String id) {
        return "arn:aws:catalog:" + LocalNames.REGION + ":" + LocalNames.ACCOUNT + ":" + kind + "/" + id;
    }

    private static ObjectNode detail(Portfolio p) {
        return object().put("Id", p.id()).put("ARN", arn("portfolio", p.id())).put("DisplayName", p.displayName())
                .put("Description", p.description()).put("ProviderName", p.providerName()).put("CreatedTime", seconds(p.created()));
    }

    private static ObjectNode viewSummary(Product p) {
        return object().put("Id", "prodview-" + p.id().substring("prod-".length())).put("ProductId", p.id()).put("Name", p.name())
                .put("Owner", p.owner()).put("ShortDescription", p.description()).put("Type", p.type()).put("HasDefaultPath", false);
    }

    private static ObjectNode viewDetail(Product p) {
        ObjectNode detail = object();
        detail.set("ProductViewSummary", viewSummary(p));
        return detail.put("Status", "AVAILABLE").put("ProductARN", arn("product", p.id())).put("CreatedTime", seconds(p.created()));
    }

    private static ObjectNode summary(Artifact a) {
        return object().put("Id", a.id()).put("Name", a.name()).put("Description", a.description())
                .put("CreatedTime", seconds(a.created()));
    }

    private static ObjectNode detail(Artifact a) {
        return summary(a).put("Type", a.type()).put("Active", true).put("Guidance", "DEFAULT");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

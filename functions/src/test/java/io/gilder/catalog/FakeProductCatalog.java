package io.gilder.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared fake of {@link ProductCatalog} (where fakes live: {@code io.gilder.testing}'s package-info): an in-memory Service Catalog, products by id
 * with their versions and portfolios, every write recorded.
 */
public final class FakeProductCatalog implements ProductCatalog {

    record Product(String name, List<Artifact> artifacts, List<String> portfolios) {}

    final Map<String, Product> products = new LinkedHashMap<>();
    public final List<String> writes = new ArrayList<>();
    private int ids;

    public String add(String name, List<String> versions, List<String> portfolios) {
        String id = "prod-" + (++ids);
        products.put(id, new Product(name, new ArrayList<>(versions.stream().map(v -> new Artifact("pa-" + id + "-" + v, v)).toList()),
                new ArrayList<>(portfolios)));
        return id;
    }

    @Override
    public Optional<String> findProduct(String name) {
        return products.entrySet().stream().filter(e -> e.getValue().name().equals(name)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public CreatedProduct createProduct(String name, String owner, String artifactName, String templateUrl, String token) {
        writes.add("create " + name + " " + artifactName + " " + templateUrl);
        String id = add(name, List.of(artifactName), List.of());
        return new CreatedProduct(id, products.get(id).artifacts().get(0).id());
    }

    @Override
    public List<Artifact> artifacts(String productId) {
        return products.containsKey(productId) ? List.copyOf(products.get(productId).artifacts()) : List.of();
    }

    @Override
    public String addArtifact(String productId, String artifactName, String templateUrl, String token) {
        writes.add("add " + productId + " " + artifactName);
        Artifact artifact = new Artifact("pa-" + productId + "-" + artifactName, artifactName);
        products.get(productId).artifacts().add(artifact);
        return artifact.id();
    }

    @Override
    public boolean deleteArtifact(String productId, String artifactId) {
        writes.add("delete artifact " + artifactId);
        return products.containsKey(productId) && products.get(productId).artifacts().removeIf(a -> a.id().equals(artifactId));
    }

    @Override
    public List<String> portfolios(String productId) {
        return products.containsKey(productId) ? List.copyOf(products.get(productId).portfolios()) : List.of();
    }

    @Override
    public void associate(String productId, String portfolioId) {
        writes.add("associate " + productId + " " + portfolioId);
        products.get(productId).portfolios().add(portfolioId);
    }

    @Override
    public void disassociate(String productId, String portfolioId) {
        writes.add("disassociate " + productId + " " + portfolioId);
        if (products.containsKey(productId)) {
            products.get(productId).portfolios().remove(portfolioId);
        }
    }

    @Override
    public boolean deleteProduct(String productId) {
        writes.add("delete product " + productId);
        return products.remove(productId) != null;
    }
}

/**
 * Test helpers that fake no port: a {@link io.gilder.testing.MutableClock}, sample
 * {@link io.gilder.testing.Approvals}, {@link io.gilder.testing.TestResources}.
 *
 * <h2>Where the fakes of ports live</h2>
 * A port is an interface in {@code functions/src/main} that an adapter implements ({@code InstanceFleet},
 * {@code EvidenceStore}, {@code ApprovalStore}, ...). Its fake follows one rule:
 * <ul>
 *   <li>There is one hand-written fake per port, named {@code Fake<Port>}, in the test tree of the port's own
 *       package: {@code io.gilder.instance.FakeInstanceFleet} fakes {@code io.gilder.instance.InstanceFleet},
 *       {@code io.gilder.registry.FakeEvidenceStore} fakes {@code io.gilder.registry.EvidenceStore}, whichever
 *       workflow's tests use it. To find a port's fake, look beside the port.</li>
 *   <li>It keeps its state in memory, in public fields that a test arranges and inspects; it records what it
 *       was asked (a {@code calls} log or one list per kind of write); answers are scripted by filling its
 *       maps, and failures are injected through its fields or a {@code failWith} method.</li>
 *   <li>A test needing more adds it to the shared fake rather than writing another; a test that must see
 *       a port untouched or failing uses the shared fake's failure injection.</li>
 *   <li>What stays inside a test: a one-line lambda, and a fake of a port that no other test fakes.</li>
 * </ul>
 * A fake that plays two ports on the same state (EC2 instances and SSM commands on them) sits beside the
 * first and says so.
 */
package io.gilder.testing;

using System.Security.Cryptography.X509Certificates;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;

namespace Liaison.Gateway.Hosting;

/// <summary>
/// A node's keys, the agreement in force and its TLS server certificate, given as objects
/// instead of the files <see cref="GatewayOptions"/> names: for a program that makes them
/// itself and hosts gateways in its own process, such as the embedded demo. When it is
/// registered, the Gateway:KeyFile, passphrase and AgreementFile settings are not needed,
/// nor Gateway:Tls when it carries the certificates.
/// </summary>
/// <param name="Keys">This node's private keys; their owner is the node id.</param>
/// <param name="Agreement">The co-signed agreement in force, which names the node as a party.</param>
/// <param name="ServerCertificate">The TLS server certificate with its private key; null to use Gateway:Tls (or the development switch).</param>
/// <param name="ClientAuthority">The CA certificate that issues the callers' client certificates; null to use Gateway:Tls:ClientCaFile.</param>
public sealed record GatewayNodeMaterial(KeyRing Keys, AgreementInForce Agreement, X509Certificate2? ServerCertificate, X509Certificate2? ClientAuthority = null);

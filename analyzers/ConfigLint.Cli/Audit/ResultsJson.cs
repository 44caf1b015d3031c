using System.Diagnostics.CodeAnalysis;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace ConfigLint.Cli.Audit
{
    /// <summary>results.json: the whole <see cref="AuditResult"/>, read back by <c>configlint merge</c>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Native AOT keeps every type of this assembly (TrimmerRootAssembly in ConfigLint.Cli.csproj); PackageInstallTests runs audit and merge from the native tool.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above: the reflection serializer runs on kept types, no code is generated at run time.")]
    public static class ResultsJson
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            ContractResolver = new CamelCasePropertyNamesContractResolver(),
            Formatting = Formatting.Indented,
            NullValueHandling = NullValueHandling.Ignore,
            // Merge reads files from other jobs: no type names, no surprises.
            TypeNameHandling = TypeNameHandling.None,
            MissingMemberHandling = MissingMemberHandling.Ignore,
        };

        /// <summary>Streams the document to the writer (a 40k-resource audit's results are tens of MB; no string of them is built).</summary>
        public static void Write(AuditResult result, TextWriter writer) => JsonSerializer.Create(Settings).Serialize(writer, result);

        /// <summary>Reads a results file; a malformed one is a <see cref="InvalidDataException"/> naming the file.</summary>
        public static AuditResult Read(string path)
        {
            AuditResult? result;
            try
            {
                result = JsonConvert.DeserializeObject<AuditResult>(File.ReadAllText(path), Settings);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}: not a ConfigLint audit results file: {ex.Message}", ex);
            }
            if (result == null || result.Schema != AuditResult.CurrentSchema)
            {
                throw new InvalidDataException($"{path}: not a ConfigLint audit results file (expected \"schema\": \"{AuditResult.CurrentSchema}\", found {(result == null ? "nothing" : "\"" + result.Schema + "\"")})");
            }
            return result;
        }
    }
}

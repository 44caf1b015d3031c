namespace ConfigLint.Core.Model
{
    /// <summary>
    /// What a finding is about, independent of where its bytes sit: the resource (type, id, name) and, when the finding
    /// is about one setting, that setting's identity (<c>form:key</c>, or a JSON pointer inside the resource).
    /// Re-indenting or re-ordering a file leaves it unchanged, which is what makes fingerprints stable.
    /// </summary>
    public sealed class FindingSubject
    {
        public FindingSubject(string? resourceType, string? resourceId, string? resourceName, string? setting)
        {
            ResourceType = resourceType;
            ResourceId = resourceId;
            ResourceName = resourceName;
            Setting = setting;
        }

        public string? ResourceType { get; }
        public string? ResourceId { get; }
        public string? ResourceName { get; }

        /// <summary>The setting the finding is about (e.g. <c>property:allowTelemetry</c>, <c>/settings/0</c>); null for the resource as a whole.</summary>
        public string? Setting { get; }

        public FindingSubject WithSetting(string? setting) => new FindingSubject(ResourceType, ResourceId, ResourceName, setting);
    }
}

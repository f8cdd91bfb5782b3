namespace OrleansFeed.Runtime.Catalog;

/// <summary>Grain interface to grain class, built once from the registrations.</summary>
internal sealed class GrainTypeMap
{
    private readonly Dictionary<Type, Type> _classes = [];

    public GrainTypeMap(IEnumerable<GrainTypeRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (_classes.TryGetValue(registration.Interface, out var existing) && existing != registration.GrainClass)
            {
                throw new InvalidOperationException(
                    $"Grain interface {registration.Interface.FullName} is registered with two classes: {existing.FullName} and {registration.GrainClass.FullName}.");
            }

            _classes[registration.Interface] = registration.GrainClass;
        }
    }

    public bool TryGetGrainClass(Type grainInterface, out Type grainClass) =>
        _classes.TryGetValue(grainInterface, out grainClass!);
}

using Mono.Cecil;

namespace Qalam.Tests.Infrastructure;

// Which namespace of an assembly uses which, read from the compiled code (Mono.Cecil): base types, fields, signatures,
// locals and every type, method and field an instruction names, so a dependency that no `using` line shows (a fully
// qualified name, a view, a lambda) counts too. A namespace is written without its "Qalam." prefix; the compiled views
// count in the namespace of their folder, types of the root namespace as "(root)". Each edge keeps one example.
public sealed class NamespaceGraph
{
    private const string Prefix = "Qalam.";

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Edges { get; }

    public IReadOnlySet<string> Namespaces { get; }

    private NamespaceGraph(Dictionary<string, Dictionary<string, string>> edges, HashSet<string> namespaces)
    {
        Edges = edges.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value);
        Namespaces = namespaces;
    }

    public static NamespaceGraph Of(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var edges = new Dictionary<string, Dictionary<string, string>>();
        var namespaces = new HashSet<string>();
        foreach (var type in module.GetTypes())
        {
            if (NamespaceOf(type, module) is not { } from)
            {
                continue;
            }
            namespaces.Add(from);
            void Add(TypeReference? reference, string how)
            {
                foreach (var part in Parts(reference))
                {
                    if (NamespaceOf(part, module) is { } to && to != from)
                    {
                        if (!edges.TryGetValue(from, out var targets))
                        {
                            edges[from] = targets = [];
                        }
                        targets.TryAdd(to, $"{type.FullName} {how} {part.FullName}");
                    }
                }
            }
            Add(type.BaseType, "inherits");
            foreach (var face in type.Interfaces)
            {
                Add(face.InterfaceType, "implements");
            }
            foreach (var field in type.Fields)
            {
                Add(field.FieldType, "has a field of");
            }
            foreach (var property in type.Properties)
            {
                Add(property.PropertyType, "has a property of");
            }
            foreach (var method in type.Methods)
            {
                Add(method.ReturnType, "returns");
                foreach (var parameter in method.Parameters)
                {
                    Add(parameter.ParameterType, "takes");
                }
                if (!method.HasBody)
                {
                    continue;
                }
                foreach (var local in method.Body.Variables)
                {
                    Add(local.VariableType, "has a local of");
                }
                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference named:
                            Add(named, "uses");
                            break;
                        case MethodReference called:
                            Add(called.DeclaringType, "calls");
                            Add(called.ReturnType, "calls");
                            foreach (var parameter in called.Parameters)
                            {
                                Add(parameter.ParameterType, "calls");
                            }
                            if (called is GenericInstanceMethod generic)
                            {
                                foreach (var argument in generic.GenericArguments)
                                {
                                    Add(argument, "calls");
                                }
                            }
                            break;
                        case FieldReference field:
                            Add(field.DeclaringType, "reads");
                            Add(field.FieldType, "reads");
                            break;
                    }
                }
            }
        }
        return new NamespaceGraph(edges, namespaces);
    }

    // Groups of namespaces that reach each other (Tarjan's strongly connected components), largest first.
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in Edges.GetValueOrDefault(node)?.Keys ?? [])
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }
            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    cycles.Add([.. group.Order()]);
                }
            }
        }
        foreach (var node in Namespaces.Order())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return [.. cycles.OrderByDescending(c => c.Count)];
    }

    private static IEnumerable<TypeReference> Parts(TypeReference? reference)
    {
        if (reference is null)
        {
            yield break;
        }
        yield return reference;
        if (reference is GenericInstanceType generic)
        {
            foreach (var part in generic.GenericArguments.SelectMany(Parts))
            {
                yield return part;
            }
        }
        if (reference is TypeSpecification specification)
        {
            foreach (var part in Parts(specification.ElementType))
            {
                yield return part;
            }
        }
    }

    private static string? NamespaceOf(TypeReference type, ModuleDefinition module)
    {
        while (type is TypeSpecification specification)
        {
            type = specification.ElementType;
        }
        if (type is GenericParameter || type.Scope is AssemblyNameReference)
        {
            return null;
        }
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type.Module == module && type.Namespace is var name && (name == "Qalam" || name.StartsWith(Prefix, StringComparison.Ordinal))
            ? name == "Qalam" ? "(root)" : name[Prefix.Length..]
            : null;
    }
}

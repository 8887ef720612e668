using System.Reflection;

namespace Cake.FabulAWS.IntegrationTests.Packaging;

/// <summary>The member names the C# compiler writes into the XML documentation file (<c>M:Ns.Type.Method(Ns.Arg)</c>).</summary>
internal static class DocumentationIds
{
    public static string For(MethodInfo method)
    {
        var name = $"M:{TypeName(method.DeclaringType!)}.{method.Name}";
        if (method.IsGenericMethod)
        {
            name += $"``{method.GetGenericArguments().Length}";
        }

        var parameters = method.GetParameters();
        return parameters.Length == 0 ? name : $"{name}({string.Join(',', parameters.Select(p => TypeName(p.ParameterType)))})";
    }

    private static string TypeName(Type type)
    {
        if (type.IsGenericMethodParameter)
        {
            return $"``{type.GenericParameterPosition}";
        }

        if (type.IsGenericTypeParameter)
        {
            return $"`{type.GenericParameterPosition}";
        }

        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!) + "@";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        var name = (definition.FullName ?? definition.Name).Replace('+', '.');
        if (!type.IsGenericType)
        {
            return name;
        }

        var plain = name[..name.IndexOf('`', StringComparison.Ordinal)];
        return $"{plain}{{{string.Join(',', type.GetGenericArguments().Select(TypeName))}}}";
    }
}

using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Cake.Core.Annotations;
using Cake.FabulAWS.Aws.Query;

namespace Cake.FabulAWS.Tests.Aws.Permissions;

/// <summary>One place in the compiled add-in that sends an AWS action.</summary>
/// <param name="Action">The IAM action, such as <c>autoscaling:SuspendProcesses</c>.</param>
/// <param name="Method">The method whose body names the action (the string literal, or the AWSSDK.EC2 call).</param>
/// <param name="Offset">Where in that method.</param>
internal sealed record ActionSite(string Action, MethodBase Method, int Offset)
{
    public override string ToString() => $"{Action} (IL_{Offset:x4} in {IlInstructions.Describe(Method)})";
}

/// <summary>
/// Every AWS action the compiled Cake.FabulAWS assembly can send, found in its IL rather than in its source text, so
/// a formatting, a target-typed <c>new(...)</c> or a helper cannot hide one:
/// <list type="bullet">
/// <item>each <c>new QueryRequest(action)</c> (Auto Scaling, ELB and ELBv2 all go through it): the action is the string
/// literal passed, or, when a helper passes its own parameter on, the literal each caller passes for it (also through
/// an async helper's state machine); anything else is a problem, never a guess;</item>
/// <item>each call of an AWSSDK.EC2 client method <c>XAsync</c>: the action <c>ec2:X</c>; a call of any other SDK client
/// (or of its paginators, which hide the action) is a problem;</item>
/// </list>
/// and, of those, the ones the targets send: reached in the call graph from a <c>[CakeMethodAlias]</c> method, following
/// calls, delegates, interface and virtual dispatch to every implementation in the assembly, and every method of
/// compiler-made types (async state machines, iterators, closures) a reached method uses.
/// </summary>
internal sealed class AddinActions
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Where the add-in builds Query requests, and the IAM prefix of each service.</summary>
    public static readonly IReadOnlyDictionary<string, string> AddinServices = new Dictionary<string, string>
    {
        ["Cake.FabulAWS.Aws.AutoScaling"] = "autoscaling",
        ["Cake.FabulAWS.Aws.LoadBalancing"] = "elasticloadbalancing",
    };

    private readonly Assembly assembly;
    private readonly IReadOnlyDictionary<string, string> services;
    private readonly List<Type> types;
    private readonly List<MethodBase> methods;
    private readonly Dictionary<int, MethodBase> byToken;
    private readonly Dictionary<int, IReadOnlyList<IlInstruction>> bodies = [];
    private readonly List<ActionSite> sites = [];
    private readonly List<string> problems = [];
    private readonly Dictionary<int, int?> reachedFrom = [];

    private AddinActions(Assembly assembly, string namespacePrefix, IReadOnlyDictionary<string, string> services)
    {
        this.assembly = assembly;
        this.services = services;
        types = assembly.GetTypes().Where(type => (type.Namespace ?? string.Empty).StartsWith(namespacePrefix, StringComparison.Ordinal)).ToList();
        methods = types
            .SelectMany(type => type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            .ToList();
        byToken = methods.ToDictionary(method => method.MetadataToken);
    }

    /// <summary>Gets every place that sends an action.</summary>
    public IReadOnlyList<ActionSite> Sites => sites;

    /// <summary>Gets what the scan could not resolve; each one is a reason to fail, never to skip.</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>Gets every action the assembly can send.</summary>
    public IReadOnlySet<string> All => sites.Select(site => site.Action).ToHashSet();

    /// <summary>Gets the actions sent from a method some alias reaches.</summary>
    public IReadOnlySet<string> Reached => sites.Where(site => reachedFrom.ContainsKey(site.Method.MetadataToken)).Select(site => site.Action).ToHashSet();

    /// <summary>Gets the aliases the call graph starts from.</summary>
    public IReadOnlyList<MethodBase> Aliases { get; private set; } = [];

    /// <summary>Scans the Cake.FabulAWS assembly.</summary>
    public static AddinActions ScanAddin() => Scan(typeof(QueryRequest).Assembly, string.Empty, AddinServices);

    /// <summary>Scans the types of an assembly under a namespace, with the Query services of the given namespaces.</summary>
    public static AddinActions Scan(Assembly assembly, string namespacePrefix, IReadOnlyDictionary<string, string> services)
    {
        var scan = new AddinActions(assembly, namespacePrefix, services);
        foreach (var method in scan.methods)
        {
            scan.FindSites(method);
        }

        scan.Walk();
        return scan;
    }

    /// <summary>One chain of calls from an alias to the method that sends <paramref name="site"/>, for messages.</summary>
    public string PathTo(ActionSite site)
    {
        var chain = new List<string>();
        for (int? token = site.Method.MetadataToken; token is { } current && chain.Count < 40; token = reachedFrom.GetValueOrDefault(current))
        {
            chain.Add(IlInstructions.Describe(byToken[current]));
        }

        chain.Reverse();
        return string.Join(" -> ", chain);
    }

    private static int ArgumentIndex(IlInstruction instruction)
    {
        var code = instruction.OpCode;
        return code == OpCodes.Ldarg_0 ? 0
            : code == OpCodes.Ldarg_1 ? 1
            : code == OpCodes.Ldarg_2 ? 2
            : code == OpCodes.Ldarg_3 ? 3
            : code == OpCodes.Ldarg_S || code == OpCodes.Ldarg ? (int)instruction.Operand!
            : -1;
    }

    private static bool IsCall(IlInstruction instruction) =>
        instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt || instruction.OpCode == OpCodes.Newobj;

    private static bool IsCompilerMade(Type type) => type.IsNested && type.IsDefined(typeof(CompilerGeneratedAttribute), false);

    private string? ServiceOf(MethodBase method) => services.GetValueOrDefault(method.DeclaringType?.Namespace ?? string.Empty);

    private IReadOnlyList<IlInstruction> Body(MethodBase method)
    {
        if (!bodies.TryGetValue(method.MetadataToken, out var body))
        {
            body = IlInstructions.Read(method);
            bodies[method.MetadataToken] = body;
        }

        return body;
    }

    private bool IsOurs(MemberInfo member) => member.Module == assembly.ManifestModule;

    private void FindSites(MethodBase method)
    {
        var body = Body(method);
        for (var index = 0; index < body.Count; index++)
        {
            var instruction = body[index];
            if (instruction.OpCode == OpCodes.Newobj && instruction.Operand is ConstructorInfo constructor && constructor.DeclaringType == typeof(QueryRequest))
            {
                Resolve(method, index, 0, 0);
            }
            else if (IsCall(instruction) && instruction.Operand is MethodInfo callee && callee.DeclaringType is { } client
                && typeof(IAmazonService).IsAssignableFrom(client) && !IsOurs(client) && client.Namespace?.StartsWith("Amazon.Runtime", StringComparison.Ordinal) != true)
            {
                if (callee.Name == "get_Paginators")
                {
                    problems.Add($"IL_{instruction.Offset:x4} in {IlInstructions.Describe(method)} uses {client.Name}.Paginators, which hide the action they send: call the client's XAsync method.");
                }
                else if (callee.Name.EndsWith("Async", StringComparison.Ordinal))
                {
                    if (client.Namespace == "Amazon.EC2")
                    {
                        sites.Add(new ActionSite("ec2:" + callee.Name[..^"Async".Length], method, instruction.Offset));
                    }
                    else
                    {
                        problems.Add($"IL_{instruction.Offset:x4} in {IlInstructions.Describe(method)} calls {client.FullName}.{callee.Name}: a client this scan does not know; teach it the service prefix.");
                    }
                }
            }
        }
    }

    // Finds the action passed as argument `argument` of the call at `index` in `method`: a string literal there, or a
    // parameter of `method` (or of the async method whose state machine `method` is), then each caller's literal for it.
    private void Resolve(MethodBase method, int index, int argument, int depth)
    {
        var body = Body(method);
        var source = IlInstructions.ArgumentSource(body, index, argument);
        var where = $"IL_{body[index].Offset:x4} in {IlInstructions.Describe(method)}";
        if (source is { Operand: string literal } && source.OpCode == OpCodes.Ldstr)
        {
            if (ServiceOf(method) is { } service)
            {
                sites.Add(new ActionSite($"{service}:{literal}", method, source.Offset));
            }
            else
            {
                problems.Add($"{where} sends Query action '{literal}' from outside {string.Join(" and ", services.Keys)}: the scan cannot tell its service.");
            }

            return;
        }

        (MethodBase Method, int Argument)? parameter = source is null ? null
            : ArgumentIndex(source) is >= 0 and var number ? (method, number)
            : source.OpCode == OpCodes.Ldfld && source.Operand is FieldInfo field ? StateMachineParameter(field)
            : null;
        if (parameter is not { } fed || depth > 4)
        {
            problems.Add($"{where}: the action is not a string literal, nor a parameter whose callers pass one ({source?.ToString() ?? "no single source"}); write the action name as a literal.");
            return;
        }

        if (methods.Any(other => Body(other).Any(i => (i.OpCode == OpCodes.Ldftn || i.OpCode == OpCodes.Ldvirtftn) && i.Operand is MethodBase target && target.MetadataToken == fed.Method.MetadataToken && IsOurs(target))))
        {
            problems.Add($"{IlInstructions.Describe(fed.Method)} passes its parameter on as an action and is used as a delegate: its actions cannot be found.");
            return;
        }

        var callers = 0;
        foreach (var caller in methods)
        {
            var callerBody = Body(caller);
            for (var at = 0; at < callerBody.Count; at++)
            {
                if (IsCall(callerBody[at]) && callerBody[at].Operand is MethodBase target && IsOurs(target) && target.MetadataToken == fed.Method.MetadataToken)
                {
                    callers++;
                    Resolve(caller, at, fed.Argument, depth + 1);
                }
            }
        }

        if (callers == 0)
        {
            problems.Add($"{where}: the action is a parameter of {IlInstructions.Describe(fed.Method)}, which nothing calls.");
        }
    }

    // A field of an async state machine that holds a parameter of the method it belongs to.
    private (MethodBase Method, int Argument)? StateMachineParameter(FieldInfo field)
    {
        var machine = field.DeclaringType is { IsGenericType: true } generic ? generic.GetGenericTypeDefinition() : field.DeclaringType;
        var owner = machine?.DeclaringType is { } outer ? outer.GetMethods(Declared).FirstOrDefault(m => m.GetCustomAttribute<StateMachineAttribute>()?.StateMachineType == machine) : null;
        var parameter = owner?.GetParameters().FirstOrDefault(p => p.Name == field.Name);
        return owner is null || parameter is null ? null : (owner, parameter.Position + (owner.IsStatic ? 0 : 1));
    }

    private void Walk()
    {
        Aliases = methods.Where(method => method.IsDefined(typeof(CakeMethodAliasAttribute), false)).ToList();
        var queue = new Queue<MethodBase>();
        foreach (var alias in Aliases)
        {
            reachedFrom[alias.MetadataToken] = null;
            queue.Enqueue(alias);
        }

        while (queue.TryDequeue(out var method))
        {
            foreach (var next in Successors(method))
            {
                if (reachedFrom.TryAdd(next.MetadataToken, method.MetadataToken))
                {
                    queue.Enqueue(next);
                }
            }
        }
    }

    private IEnumerable<MethodBase> Successors(MethodBase method)
    {
        if (method.GetCustomAttribute<StateMachineAttribute>() is { StateMachineType: { } machine })
        {
            foreach (var step in AllOf(machine))
            {
                yield return step;
            }
        }

        foreach (var instruction in Body(method))
        {
            if (instruction.Operand is FieldInfo field && field.DeclaringType is { } holder && IsOurs(holder) && IsCompilerMade(holder) && holder.Name != "<>c")
            {
                foreach (var closure in AllOf(holder))
                {
                    yield return closure;
                }
            }

            if (instruction.Operand is not MethodBase target || !IsOurs(target) || !byToken.TryGetValue(target.MetadataToken, out var definition))
            {
                continue;
            }

            yield return definition;
            if (target.DeclaringType is { } type && IsCompilerMade(type) && type.Name != "<>c")
            {
                foreach (var closure in AllOf(type))
                {
                    yield return closure;
                }
            }

            foreach (var implementation in Implementations(target))
            {
                yield return implementation;
            }
        }

        // Interface methods of the assembly's own types that a caller outside it may invoke (IAsyncEnumerable, IDisposable, ...)
        // are reached through the compiler-made types above or through the calls of our own code.
    }

    private IEnumerable<MethodBase> AllOf(Type type)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return methods.Where(m => m.DeclaringType == definition);
    }

    // Every method of the assembly that an interface or virtual call of `target` may run.
    private IEnumerable<MethodBase> Implementations(MethodBase target)
    {
        if (target is not MethodInfo { IsVirtual: true } virtualMethod || target.DeclaringType is not { } declaring)
        {
            yield break;
        }

        if (declaring.IsInterface)
        {
            var open = declaring.IsGenericType ? declaring.GetGenericTypeDefinition() : declaring;
            foreach (var type in types.Where(t => !t.IsInterface))
            {
                var implemented = type.GetInterfaces().Where(i => (i.IsGenericType ? i.GetGenericTypeDefinition() : i) == open).ToList();
                foreach (var face in implemented)
                {
                    if (type.IsGenericTypeDefinition || face.ContainsGenericParameters || declaring.IsGenericType)
                    {
                        // Open generics: every method of the same name, as an over-approximation.
                        foreach (var candidate in methods.Where(m => m.DeclaringType == type && (m.Name == target.Name || m.Name.EndsWith("." + target.Name, StringComparison.Ordinal))))
                        {
                            yield return candidate;
                        }

                        continue;
                    }

                    var map = type.GetInterfaceMap(face);
                    for (var i = 0; i < map.InterfaceMethods.Length; i++)
                    {
                        if (map.InterfaceMethods[i].MetadataToken == target.MetadataToken && map.InterfaceMethods[i].Module == target.Module
                            && IsOurs(map.TargetMethods[i]) && byToken.TryGetValue(map.TargetMethods[i].MetadataToken, out var implementation))
                        {
                            yield return implementation;
                        }
                    }
                }
            }

            yield break;
        }

        if (virtualMethod.IsFinal)
        {
            yield break;
        }

        var baseDefinition = virtualMethod.GetBaseDefinition();
        foreach (var candidate in methods.OfType<MethodInfo>().Where(m => m.IsVirtual && m.Name == target.Name && m.DeclaringType != declaring))
        {
            var candidateBase = candidate.GetBaseDefinition();
            if (candidateBase.MetadataToken == baseDefinition.MetadataToken && candidateBase.Module == baseDefinition.Module)
            {
                yield return candidate;
            }
        }
    }
}

using System.Reflection;
using System.Reflection.Emit;

namespace Cake.FabulAWS.Tests.Aws.Permissions;

/// <summary>One IL instruction of a compiled method, with its operand resolved (method, field, string or number).</summary>
/// <param name="Offset">The byte offset in the method body.</param>
/// <param name="OpCode">The opcode.</param>
/// <param name="Operand">The resolved operand: a <see cref="MethodBase"/>, <see cref="FieldInfo"/>, string, number, or null.</param>
internal sealed record IlInstruction(int Offset, OpCode OpCode, object? Operand)
{
    public override string ToString() => $"IL_{Offset:x4}: {OpCode.Name} {Operand}";
}

/// <summary>Reads the IL of a compiled method into instructions (enough of ECMA-335 III for calls, loads and strings).</summary>
internal static class IlInstructions
{
    private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    public static IReadOnlyList<IlInstruction> Read(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericArguments() : null;
        var instructions = new List<IlInstruction>();
        var position = 0;
        while (position < il.Length)
        {
            var offset = position;
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var code = ByValue.TryGetValue(value, out var known)
                ? known
                : throw new InvalidOperationException($"Unknown opcode 0x{value:x} at IL_{offset:x4} in {Describe(method)}.");
            object? operand = null;
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    operand = (int)(sbyte)il[position];
                    position += 1;
                    break;
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    operand = (int)il[position];
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    operand = (int)BitConverter.ToUInt16(il, position);
                    position += 2;
                    break;
                case OperandType.InlineI:
                case OperandType.InlineBrTarget:
                case OperandType.ShortInlineR:
                case OperandType.InlineSig:
                    operand = BitConverter.ToInt32(il, position);
                    position += 4;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4 + (4 * count);
                    break;
                case OperandType.InlineString:
                    operand = method.Module.ResolveString(BitConverter.ToInt32(il, position));
                    position += 4;
                    break;
                case OperandType.InlineMethod:
                    operand = method.Module.ResolveMethod(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                    position += 4;
                    break;
                case OperandType.InlineField:
                    operand = method.Module.ResolveField(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                    position += 4;
                    break;
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    operand = method.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                    position += 4;
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled operand type {code.OperandType} at IL_{offset:x4} in {Describe(method)}.");
            }

            instructions.Add(new IlInstruction(offset, code, operand));
        }

        return instructions;
    }

    /// <summary>How many values an instruction pops and pushes (the evaluation stack effect), or null when the IL table does not say.</summary>
    public static (int Pops, int Pushes)? StackEffect(IlInstruction instruction)
    {
        var code = instruction.OpCode;
        int pops;
        if (code.StackBehaviourPop == StackBehaviour.Varpop)
        {
            if (instruction.Operand is not MethodBase callee)
            {
                return null;
            }

            pops = callee.GetParameters().Length + (callee.CallingConvention.HasFlag(CallingConventions.HasThis) && code != OpCodes.Newobj ? 1 : 0);
        }
        else
        {
            pops = code.StackBehaviourPop switch
            {
                StackBehaviour.Pop0 => 0,
                StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
                StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8
                    or StackBehaviour.Popi_popr4 or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi => 2,
                StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8 or StackBehaviour.Popref_popi_popr4
                    or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref or StackBehaviour.Popref_popi_pop1 => 3,
                _ => -1,
            };
        }

        var pushes = code.StackBehaviourPush switch
        {
            StackBehaviour.Push0 => 0,
            StackBehaviour.Push1 or StackBehaviour.Pushi or StackBehaviour.Pushi8 or StackBehaviour.Pushr4 or StackBehaviour.Pushr8 or StackBehaviour.Pushref => 1,
            StackBehaviour.Push1_push1 => 2,
            StackBehaviour.Varpush => instruction.Operand is MethodInfo callee ? (callee.ReturnType == typeof(void) ? 0 : 1) : code == OpCodes.Newobj ? 1 : -1,
            _ => -1,
        };
        return pops < 0 || pushes < 0 ? null : (pops, pushes);
    }

    /// <summary>
    /// The instruction that pushed argument <paramref name="argument"/> (0-based, <c>this</c> first) of the call at
    /// <paramref name="callIndex"/>, found by walking back over the stack effects of straight-line code; null when the
    /// walk meets a branch target, an instruction whose effect is unknown, or the start of the method.
    /// </summary>
    public static IlInstruction? ArgumentSource(IReadOnlyList<IlInstruction> instructions, int callIndex, int argument)
    {
        var call = instructions[callIndex];
        var effect = StackEffect(call);
        if (effect is null || argument >= effect.Value.Pops)
        {
            return null;
        }

        // A value that may arrive by another path (a branch lands between it and the call) has no single source.
        var targets = BranchTargets(instructions);

        // How many values lie above the wanted one on the stack just before the call.
        var above = effect.Value.Pops - 1 - argument;
        for (var index = callIndex - 1; index >= 0; index--)
        {
            var instruction = instructions[index];
            if (targets.Contains(instructions[index + 1].Offset)
                || instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw)
            {
                return null;
            }

            if (StackEffect(instruction) is not { } step)
            {
                return null;
            }

            if (above < step.Pushes)
            {
                if (step.Pushes == 1)
                {
                    return instruction;
                }

                // dup: both copies come from the value it popped.
                above = 0;
                continue;
            }

            above = above - step.Pushes + step.Pops;
        }

        return null;
    }

    private static HashSet<int> BranchTargets(IReadOnlyList<IlInstruction> instructions)
    {
        var targets = new HashSet<int>();
        for (var index = 0; index < instructions.Count; index++)
        {
            var instruction = instructions[index];
            if (instruction.OpCode.OperandType is OperandType.InlineBrTarget or OperandType.ShortInlineBrTarget && instruction.Operand is int delta)
            {
                var next = index + 1 < instructions.Count ? instructions[index + 1].Offset : int.MaxValue;
                targets.Add(next + delta);
            }
            else if (instruction.OpCode.OperandType == OperandType.InlineSwitch)
            {
                // Switch targets are not decoded: treat every following instruction as reachable by a jump.
                for (var rest = index + 1; rest < instructions.Count; rest++)
                {
                    targets.Add(instructions[rest].Offset);
                }
            }
        }

        return targets;
    }

    public static string Describe(MethodBase method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}

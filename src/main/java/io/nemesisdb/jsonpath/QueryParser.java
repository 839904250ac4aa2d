package io.nemesisdb.jsonpath;

import java.util.ArrayList;
import java.util.List;

import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.json.NumberText;
import jakarta.json.JsonValue;

/**
 * Recursive-descent parser for the RFC 9535 grammar (appendix A), with the function type checks
 * of section 2.4.3 done while parsing so that an ill-typed query is a syntax error. Nesting of
 * filters, parentheses and function calls is bounded so that no query text can exhaust the stack.
 */
final class QueryParser {

    static final int MAX_NESTING = 64;
    private static final long MAX_EXACT_INTEGER = (1L << 53) - 1;

    private final String text;
    private int pos;
    private int nesting;

    private QueryParser(String text) {
        this.text = text;
    }

    /** Parses a whole {@code jsonpath-query}. */
    static Query parse(String text) throws JsonPathSyntaxException {
        QueryParser parser = new QueryParser(text);
        if (text.isEmpty() || text.charAt(0) != '$') {
            throw parser.error("a query must start with '$'");
        }
        parser.pos = 1;
        Query query = new Query(true, parser.segments());
        if (parser.pos != text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
        }
        return query;
    }

    // ---- segments and selectors

    private List<Segment> segments() throws JsonPathSyntaxException {
        List<Segment> segments = new ArrayList<>();
        while (true) {
            int beforeBlanks = pos;
            skipBlanks();
            if (peek() == '[' || peek() == '.') {
                segments.add(segment());
            } else {
                pos = beforeBlanks;
                return segments;
            }
        }
    }

    private Segment segment() throws JsonPathSyntaxException {
        if (text.startsWith("..", pos)) {
            pos += 2;
            if (peek() == '[') {
                return new Segment(true, bracketedSelection());
            }
            if (peek() == '*') {
                pos++;
                return new Segment(true, List.of(new Selector.Wildcard()));
            }
            if (isNameFirst(codePoint())) {
                return new Segment(true, List.of(new Selector.Name(memberNameShorthand(), false)));
            }
            throw error("expected a name, '*' or '[' after '..'");
        }
        if (peek() == '.') {
            pos++;
            if (peek() == '*') {
                pos++;
                return new Segment(false, List.of(new Selector.Wildcard()));
            }
            if (isNameFirst(codePoint())) {
                String name = memberNameShorthand();
                return new Segment(false, List.of(new Selector.Name(name, name.equals("length"))));
            }
            throw error("expected a name or '*' after '.'");
        }
        return new Segment(false, bracketedSelection());
    }

    private List<Selector> bracketedSelection() throws JsonPathSyntaxException {
        expect('[');
        skipBlanks();
        List<Selector> selectors = new ArrayList<>();
        selectors.add(selector());
        skipBlanks();
        while (peek() == ',') {
            pos++;
            skipBlanks();
            selectors.add(selector());
            skipBlanks();
        }
        expect(']');
        return selectors;
    }

    private Selector selector() throws JsonPathSyntaxException {
        int c = peek();
        if (c == '\'' || c == '"') {
            return new Selector.Name(stringLiteral(), false);
        }
        if (c == '*') {
            pos++;
            return new Selector.Wildcard();
        }
        if (c == '?') {
            pos++;
            skipBlanks();
            enterNesting();
            LogicalExpression condition = toLogical(logicalOr());
            nesting--;
            return new Selector.Filter(Hoisting.filterCondition(condition));
        }
        if (c == '-' || c == ':' || isDigit(c)) {
            return indexOrSlice();
        }
        throw error("expected a selector");
    }

    private Selector indexOrSlice() throws JsonPathSyntaxException {
        Long start = startsInteger() ? integer() : null;
        int afterStart = pos;
        skipBlanks();
        if (peek() != ':') {
            pos = afterStart;
            if (start == null) {
                throw error("expected an index");
            }
            return new Selector.Index(start);
        }
        pos++;
        skipBlanks();
        Long end = startsInteger() ? integer() : null;
        skipBlanks();
        long step = 1;
        if (peek() == ':') {
            pos++;
            skipBlanks();
            if (startsInteger()) {
                step = integer();
            }
        }
        return new Selector.Slice(start, end, step);
    }

    private boolean startsInteger() {
        return peek() == '-' || isDigit(peek());
    }

    /** An {@code int}: no leading zeros, no "-0", within the I-JSON exact range. */
    private long integer() throws JsonPathSyntaxException {
        int begin = pos;
        if (peek() == '-') {
            pos++;
        }
        if (!isDigit(peek())) {
            throw error("expected a digit");
        }
        if (peek() == '0') {
            pos++;
            if (pos - begin > 1) {
                throw error("-0 is not an index");
            }
            if (isDigit(peek())) {
                throw error("leading zeros are not allowed");
            }
            return 0;
        }
        while (isDigit(peek())) {
            pos++;
        }
        String digits = text.substring(begin, pos);
        if (digits.length() > 17) {
            throw error("integer out of range");
        }
        long value = Long.parseLong(digits);
        if (Math.abs(value) > MAX_EXACT_INTEGER) {
            throw error("integer out of range");
        }
        return value;
    }

    private String memberNameShorthand() {
        int begin = pos;
        while (pos < text.length()) {
            int c = codePoint();
            if (!isNameFirst(c) && !isDigit(c)) {
                break;
            }
            pos += Character.charCount(c);
        }
        return text.substring(begin, pos);
    }

    // ---- filter expressions

    /** What an expression parsed to before the context decides how it must be used. */
    private sealed interface Operand {
    }

    private record LiteralOperand(JsonValue value) implements Operand {
    }

    private record QueryOperand(Query query) implements Operand {
    }

    private record FunctionOperand(FunctionCall call) implements Operand {
    }

    private record LogicalOperand(LogicalExpression expression) implements Operand {
    }

    private Operand logicalOr() throws JsonPathSyntaxException {
        return operatorChain("||", this::logicalAnd, LogicalExpression.Or::new);
    }

    private Operand logicalAnd() throws JsonPathSyntaxException {
        return operatorChain("&&", this::basicExpression, LogicalExpression.And::new);
    }

    /** Parses one level of the grammar: a level for its operands, or {@code operator} between them. */
    @FunctionalInterface
    private interface OperandParser {
        Operand parse() throws JsonPathSyntaxException;
    }

    /**
     * {@code operand (operator operand)*}: the operand alone when there is no operator, else the
     * operands combined into one logical expression.
     */
    private Operand operatorChain(String operator, OperandParser operand,
                                  java.util.function.Function<List<LogicalExpression>, LogicalExpression> combine)
            throws JsonPathSyntaxException {
        Operand first = operand.parse();
        List<LogicalExpression> operands = null;
        while (true) {
            int beforeBlanks = pos;
            skipBlanks();
            if (!text.startsWith(operator, pos)) {
                pos = beforeBlanks;
                break;
            }
            pos += operator.length();
            skipBlanks();
            if (operands == null) {
                operands = new ArrayList<>();
                operands.add(toLogical(first));
            }
            operands.add(toLogical(operand.parse()));
        }
        return operands == null ? first : new LogicalOperand(combine.apply(operands));
    }

    private Operand basicExpression() throws JsonPathSyntaxException {
        if (peek() == '!') {
            pos++;
            skipBlanks();
            LogicalExpression negated = peek() == '(' ? parenthesized() : toTest(operand());
            return new LogicalOperand(new LogicalExpression.Not(negated));
        }
        if (peek() == '(') {
            return new LogicalOperand(parenthesized());
        }
        Operand left = operand();
        int beforeBlanks = pos;
        skipBlanks();
        ComparisonOperator operator = comparisonOperator();
        if (operator == null) {
            pos = beforeBlanks;
            return left;
        }
        skipBlanks();
        ValueExpression leftValue = comparable(left, operator);
        ValueExpression rightValue = comparable(operand(), operator);
        return new LogicalOperand(new LogicalExpression.Comparison(leftValue, operator, rightValue));
    }

    private LogicalExpression parenthesized() throws JsonPathSyntaxException {
        enterNesting();
        expect('(');
        skipBlanks();
        LogicalExpression inner = toLogical(logicalOr());
        skipBlanks();
        expect(')');
        nesting--;
        return inner;
    }

    private ComparisonOperator comparisonOperator() {
        for (String symbol : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                for (ComparisonOperator operator : ComparisonOperator.values()) {
                    if (operator.symbol().equals(symbol)) {
                        return operator;
                    }
                }
            }
        }
        return null;
    }

    private Operand operand() throws JsonPathSyntaxException {
        int c = peek();
        if (c == '@' || c == '$') {
            pos++;
            return new QueryOperand(new Query(c == '$', segments()));
        }
        if (c == '\'' || c == '"') {
            return new LiteralOperand(CachedJson.PROVIDER.createValue(stringLiteral()));
        }
        if (c == '-' || isDigit(c)) {
            return new LiteralOperand(number());
        }
        if (c >= 'a' && c <= 'z') {
            int begin = pos;
            while (isFunctionNameChar(peek())) {
                pos++;
            }
            String name = text.substring(begin, pos);
            if (peek() == '(') {
                return new FunctionOperand(functionCall(name, begin));
            }
            switch (name) {
                case "true" -> {
                    return new LiteralOperand(JsonValue.TRUE);
                }
                case "false" -> {
                    return new LiteralOperand(JsonValue.FALSE);
                }
                case "null" -> {
                    return new LiteralOperand(JsonValue.NULL);
                }
                default -> throw error("unknown word '" + name + "'", begin);
            }
        }
        throw error("expected a query, literal or function");
    }

    private FunctionCall functionCall(String name, int begin) throws JsonPathSyntaxException {
        Function function = Function.named(name);
        if (function == null) {
            throw error("unknown function '" + name + "'", begin);
        }
        enterNesting();
        expect('(');
        skipBlanks();
        List<Operand> operands = new ArrayList<>();
        if (peek() != ')') {
            operands.add(logicalOr());
            skipBlanks();
            while (peek() == ',') {
                pos++;
                skipBlanks();
                operands.add(logicalOr());
                skipBlanks();
            }
        }
        expect(')');
        nesting--;
        List<FunctionType> parameterTypes = function.parameterTypes();
        if (operands.size() != parameterTypes.size()) {
            throw error(name + "() takes " + parameterTypes.size() + " argument(s), not " + operands.size(), begin);
        }
        List<FunctionArgument> arguments = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            arguments.add(argument(operands.get(i), parameterTypes.get(i), name, begin));
        }
        return new FunctionCall(function, arguments);
    }

    /** Converts an argument to its parameter's declared type (RFC 9535 section 2.4.3), or rejects it. */
    private FunctionArgument argument(Operand operand, FunctionType type, String function, int at)
            throws JsonPathSyntaxException {
        return switch (type) {
            case VALUE -> new FunctionArgument.Value(valueOf(operand,
                    "an argument of " + function + "() must be a value (a literal, a singular query or a value function)",
                    at));
            case NODES -> {
                if (operand instanceof QueryOperand(Query query)) {
                    yield new FunctionArgument.Nodes(query);
                }
                throw error("an argument of " + function + "() must be a query", at);
            }
            case LOGICAL -> new FunctionArgument.Logical(toLogical(operand));
        };
    }

    private ValueExpression comparable(Operand operand, ComparisonOperator operator) throws JsonPathSyntaxException {
        return valueOf(operand, "both sides of '" + operator.symbol()
                + "' must be a literal, a singular query or a value function", pos);
    }

    private ValueExpression valueOf(Operand operand, String message, int at) throws JsonPathSyntaxException {
        return switch (operand) {
            case LiteralOperand(JsonValue value) -> new ValueExpression.Literal(value);
            case QueryOperand(Query query) when query.isSingular() -> new ValueExpression.SingularQuery(query);
            case FunctionOperand(FunctionCall call) when call.function().resultType() == FunctionType.VALUE ->
                    new ValueExpression.FunctionValue(call);
            default -> throw error(message, at);
        };
    }

    private LogicalExpression toLogical(Operand operand) throws JsonPathSyntaxException {
        if (operand instanceof LogicalOperand(LogicalExpression expression)) {
            return expression;
        }
        return toTest(operand);
    }

    /** A test expression: a query (true when it selects a node) or a LogicalType/NodesType function. */
    private LogicalExpression toTest(Operand operand) throws JsonPathSyntaxException {
        return switch (operand) {
            case QueryOperand(Query query) -> new LogicalExpression.Exists(query);
            case FunctionOperand(FunctionCall call) when call.function().resultType() != FunctionType.VALUE ->
                    new LogicalExpression.FunctionTest(call);
            case FunctionOperand(FunctionCall call) ->
                    throw error(call.function().functionName() + "() gives a value, which cannot be tested on its own");
            case LiteralOperand literal -> throw error("a literal cannot be tested on its own; compare it");
            case LogicalOperand logical -> throw error("expected a query or function after '!'");
        };
    }

    // ---- literals

    private JsonValue number() throws JsonPathSyntaxException {
        int begin = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zeros are not allowed");
            }
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            pos++;
            requireDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits();
        }
        // kept as its text, not made a BigDecimal here: one of a long literal takes time growing
        // with the square of its length (JsonValues compares long literals on their text)
        String literal = text.substring(begin, pos);
        if (!NumberText.hasDecimal(literal)) {
            throw error("number out of range", begin);
        }
        return new LiteralNumber(literal);
    }

    private void requireDigits() throws JsonPathSyntaxException {
        if (!isDigit(peek())) {
            throw error("expected a digit");
        }
        while (isDigit(peek())) {
            pos++;
        }
    }

    /** A single- or double-quoted string with RFC 9535's escapes. */
    private String stringLiteral() throws JsonPathSyntaxException {
        char quote = text.charAt(pos++);
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            int c = codePoint();
            if (c == quote) {
                pos++;
                return value.toString();
            }
            if (c == '\\') {
                escapeSequence(quote, value);
                continue;
            }
            if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
                throw error("character U+" + Integer.toHexString(c) + " must be escaped in a string");
            }
            value.appendCodePoint(c);
            pos += Character.charCount(c);
        }
    }

    private void escapeSequence(char quote, StringBuilder value) throws JsonPathSyntaxException {
        pos++;
        int c = peek();
        pos++;
        switch (c) {
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case '/' -> value.append('/');
            case '\\' -> value.append('\\');
            case 'u' -> unicodeEscape(value);
            default -> {
                if (c != quote) {
                    pos--;
                    throw error("invalid escape sequence");
                }
                value.append(quote);
            }
        }
    }

    private void unicodeEscape(StringBuilder value) throws JsonPathSyntaxException {
        int unit = hex4();
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            throw error("unpaired low surrogate");
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (!text.startsWith("\\u", pos)) {
                throw error("high surrogate without its low surrogate");
            }
            pos += 2;
            int low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
                throw error("high surrogate without its low surrogate");
            }
            value.append((char) unit).append((char) low);
            return;
        }
        value.append((char) unit);
    }

    private int hex4() throws JsonPathSyntaxException {
        if (pos + 4 > text.length()) {
            throw error("expected four hex digits");
        }
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
                throw error("expected four hex digits");
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }

    // ---- characters

    private void enterNesting() throws JsonPathSyntaxException {
        if (++nesting > MAX_NESTING) {
            throw error("expression nested more than " + MAX_NESTING + " levels deep");
        }
    }

    private void expect(char c) throws JsonPathSyntaxException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private int codePoint() {
        return pos < text.length() ? text.codePointAt(pos) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameFirst(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                || (c >= 0x80 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0x10FFFF);
    }

    private static boolean isFunctionNameChar(int c) {
        return (c >= 'a' && c <= 'z') || c == '_' || isDigit(c);
    }

    private JsonPathSyntaxException error(String message) {
        return error(message, pos);
    }

    private JsonPathSyntaxException error(String message, int at) {
        return new JsonPathSyntaxException(message, Math.min(at, text.length()));
    }
}

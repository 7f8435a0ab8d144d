//! Strategies: the list (webserver mode) and one strategy's details.

wire_struct! {
    /// `GET /strategies` (webserver mode): strategy class names, sorted.
    pub struct StrategyListResponse {
        pub strategies: Vec<String>,
    }
}

wire_struct! {
    /// One hyperoptable parameter in `GET /strategy/{name}` (API >= 2.47). freqtrade sends one of five shapes
    /// told apart by `param_type`; they are merged here, with the fields of other shapes left `None`.
    pub struct StrategyParameter {
        /// `"IntParameter"`, `"RealParameter"`, `"DecimalParameter"`, `"BooleanParameter"` or
        /// `"CategoricalParameter"`.
        pub param_type: String,
        pub name: String,
        /// `"buy"`, `"sell"`, `"protection"`, ...
        pub space: String,
        pub load: bool,
        pub optimize: bool,
        /// The current value (a number, a bool, or for categorical parameters any JSON value).
        pub value: serde_json::Value,
        /// Int, Real and Decimal parameters.
        pub low: Option<f64>,
        pub high: Option<f64>,
        /// Decimal parameters.
        pub decimals: Option<i64>,
        /// Boolean and Categorical parameters: the allowed values.
        pub opt_range: Option<Vec<serde_json::Value>>,
    }
}

wire_struct! {
    /// `GET /strategy/{name}`: a strategy's source code and parameters. In trading mode only the running
    /// strategy is served (others give HTTP 404).
    pub struct StrategyResponse {
        pub strategy: String,
        pub timeframe: Option<String>,
        pub params: Vec<StrategyParameter>,
        /// The strategy's Python source.
        pub code: String,
    }
}

//! A typed endpoint: a request description plus the type its answer decodes into.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::request::ApiRequest;

/// `Endpoint<T>` is built by the pure functions in `endpoints.rs` and sent by `BotClient::call`.
#[derive(Debug)]
pub struct Endpoint<T> {
    pub request: ApiRequest,
    _answer: PhantomData<fn() -> T>,
}

// By hand: a derive would ask `T: Clone`, which the answer type need not be.
impl<T> Clone for Endpoint<T> {
    fn clone(&self) -> Self {
        Self {
            request: self.request.clone(),
            _answer: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Endpoint<T> {
    pub fn new(request: ApiRequest) -> Self {
        Self {
            request,
            _answer: PhantomData,
        }
    }

    /// Decodes a successful answer's body. Used by the client and by native fixture tests alike.
    pub fn decode(&self, body: &str) -> Result<T, ApiError> {
        decode_body(&self.request.label(), body)
    }
}

/// Decodes a JSON body leniently into `T`, naming the endpoint on failure.
pub fn decode_body<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::Decode {
        endpoint: endpoint.to_string(),
        msg: e.to_string(),
    })
}

//! Lists the workspace's devices, unlocks the first one that can be
//! unlocked remotely, and waits until the lock says it is done.
//!
//! ```sh
//! SEAM_API_KEY=seam_... cargo run --example unlock_door --features client
//! ```
//!
//! `SEAM_ENDPOINT` points it at another server (a sandbox, a test server).

use futures_util::TryStreamExt;
use seam_types::endpoints::{DevicesListRequest, LocksUnlockDoorRequest};
use seam_types::{Client, ClientError};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), ClientError> {
    let seam = Client::from_env()?;
    match unlock_first_door(&seam).await? {
        Some(device_id) => println!("unlocked {device_id}"),
        None => println!("no device can be unlocked remotely"),
    }
    Ok(())
}

/// Unlocks the first device that can be unlocked remotely: its ID, or
/// `None` when there is none.
///
/// # Errors
///
/// When a call fails, or the action attempt does.
pub async fn unlock_first_door(seam: &Client) -> Result<Option<seam_types::Uuid>, ClientError> {
    // Every page of results, as one stream of devices.
    let devices: Vec<seam_types::@Device> = seam.paginate(DevicesListRequest::new()).try_collect().await?;
    println!("{} device(s)", devices.len());
    let unlockable = devices.iter().find(|d| @can_unlock == Some(&true));
    let Some(device_id) = unlockable.and_then(|device| @device_id) else {
        return Ok(None);
    };
    let response = seam.send(&LocksUnlockDoorRequest::new(*device_id)).await?;
    // Unlocking takes a moment: the answer is an action attempt to wait for.
    let attempt = @response_attempt;
    if let Some(attempt_id) = attempt.and_then(|attempt| @attempt_id) {
        let attempt = seam.wait_for_action_attempt(attempt_id).await?;
        println!("action attempt: {:?}", attempt.status);
    }
    Ok(Some(*device_id))
}

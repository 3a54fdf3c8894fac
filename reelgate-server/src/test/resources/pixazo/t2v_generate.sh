curl -v -X POST "https://gateway.pixazo.ai/sora-video/v1/video/generate" \
  -H "Content-Type: application/json" \
  -H "Cache-Control: no-cache" \
  -H "Ocp-Apim-Subscription-Key: YOUR_SUBSCRIPTION_KEY" \
  --data-raw '{
    "prompt": "A serene beach at sunset with gentle waves rolling onto the shore, palm trees swaying in the breeze, and seagulls flying overhead",
    "size": "1280x720",
    "seconds": 4,
    "callback_url": "https://your-domain.com/webhook/notify"
  }'

// ERROR: 4:2: #error this configuration is not supported
#define CONFIG 3
#if CONFIG > 2
#error this configuration is not supported
#endif

int main(void)
{
    return 0;
}
